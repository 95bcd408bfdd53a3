// Acronyms across paragraphs: each one spelled out at or before its first use.
import type { DocumentContext } from "./context";

export function checkAcronyms(c: DocumentContext): void {
  const { blocks, starts, push } = c;
  // Acronyms: each one defined at or before its first use.
  const defined = new Set<string>();
  const flagged = new Set<string>();
  blocks.forEach((block, b) => {
    for (const d of block.acronymsDefined) defined.add(d);
    for (const use of block.acronymUses) {
      if (defined.has(use.acronym) || flagged.has(use.acronym)) continue;
      flagged.add(use.acronym);
      push(
        "plain.undefined-acronym",
        starts[b]! + use.start,
        starts[b]! + use.end,
        `"${use.acronym}" is not spelled out: write it in full the first time, with the acronym in brackets`,
      );
    }
  });
}
