import type { Node as ProseMirrorNode } from "@tiptap/pm/model";

export type BlockKind = "paragraph" | "heading" | "listItem";

export interface TextBlock {
  text: string;
  /** Offset of the block in the plain text. */
  start: number;
  kind: BlockKind;
}

/** A stretch of plain text and where it came from in the document. */
interface Run {
  textStart: number;
  length: number;
  docStart: number;
  /** Atoms (merge fields, line breaks) map every offset to their one position. */
  atom: boolean;
}

export interface PlainText {
  text: string;
  blocks: TextBlock[];
  /** Plain-text offset → document position; `end` maps a range's end (after the last character). */
  toDocPos(offset: number, side?: "start" | "end"): number;
  /** Document position → plain-text offset. */
  toTextOffset(pos: number): number;
}

export interface PlainTextOptions {
  /** Merge fields as their sample values (for scoring and previews) or as {{key}}. */
  mergeFields?: "sample" | "placeholder";
  /** Inline content to read past (pending suggested insertions), keeping positions live. */
  leaveOut?: (node: ProseMirrorNode) => boolean;
}

const BLOCK_SEPARATOR = "\n\n";

/**
 * The document as the plain text the clarity rules read: one block per
 * paragraph, heading or list item, blocks separated by a blank line, merge
 * fields filled in. The run map turns every finding's offsets back into
 * document positions, and positions (a caret, a comment anchor) into offsets.
 */
export function toPlainText(doc: ProseMirrorNode, options: PlainTextOptions = {}): PlainText {
  const runs: Run[] = [];
  const blocks: TextBlock[] = [];
  let text = "";

  doc.descendants((node, pos, parent) => {
    if (!node.isTextblock) return true;
    if (blocks.length) text += BLOCK_SEPARATOR;
    const start = text.length;
    const kind: BlockKind =
      node.type.name === "heading"
        ? "heading"
        : parent?.type.name === "listItem"
          ? "listItem"
          : "paragraph";
    node.forEach((child, offset) => {
      const docStart = pos + 1 + offset;
      if (options.leaveOut?.(child)) return;
      if (child.isText) {
        runs.push({ textStart: text.length, length: child.text!.length, docStart, atom: false });
        text += child.text;
      } else if (child.type.name === "mergeField") {
        const value =
          options.mergeFields === "placeholder" || !child.attrs.sample
            ? `{{${child.attrs.key}}}`
            : String(child.attrs.sample);
        runs.push({ textStart: text.length, length: value.length, docStart, atom: true });
        text += value;
      } else if (child.type.name === "hardBreak") {
        runs.push({ textStart: text.length, length: 1, docStart, atom: true });
        text += "\n";
      }
    });
    blocks.push({ text: text.slice(start), start, kind });
    return false;
  });

  const runAtOffset = (offset: number): Run | undefined => {
    let lo = 0;
    let hi = runs.length - 1;
    let found: Run | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (runs[mid]!.textStart <= offset) {
        found = runs[mid];
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };

  return {
    text,
    blocks,
    toDocPos(offset, side = "start") {
      if (runs.length === 0) return 1;
      const probe = side === "end" ? Math.max(0, offset - 1) : offset;
      const run = runAtOffset(probe) ?? runs[0]!;
      const within = Math.min(
        Math.max(probe - run.textStart, 0),
        run.length - (side === "end" ? 1 : 0),
      );
      if (run.atom) return side === "end" ? run.docStart + 1 : run.docStart;
      return run.docStart + within + (side === "end" ? 1 : 0);
    },
    toTextOffset(pos) {
      let best = 0;
      for (const run of runs) {
        if (pos < run.docStart) break;
        best = run.atom
          ? run.textStart + (pos > run.docStart ? run.length : 0)
          : run.textStart + Math.min(pos - run.docStart, run.length);
      }
      return best;
    },
  };
}
