// Readability: the grade against the target, anchored on the hardest sentence.
import type { DocumentContext } from "./context";

const round = (n: number, places = 1) =>
  Number.isNaN(n) ? n : Math.round(n * 10 ** places) / 10 ** places;

export function checkReadability(c: DocumentContext): void {
  const { blocks, starts, push, words, metrics, targetGrade } = c;
  // Readability: grade against the target.
  if (words >= 10 && metrics.consensusGrade > targetGrade + 0.5) {
    let hardest: { start: number; end: number; grade: number; offset: number } | undefined;
    blocks.forEach((block, b) => {
      if (block.hardest && (!hardest || block.hardest.grade > hardest.grade))
        hardest = { ...block.hardest, offset: starts[b]! };
    });
    if (hardest) {
      push(
        "readability.grade-above-target",
        hardest.offset + hardest.start,
        hardest.offset + hardest.end,
        `Reads at grade ${round(metrics.consensusGrade)}, above the target of ${targetGrade}; this is the hardest sentence`,
      );
    }
  }
}
