import type { RouterOutputs } from "@conductor/api";

type DiffPart = RouterOutputs["versions"]["compare"]["parts"][number];

/** Each diff part keyed by where it starts in the combined text (stable for one diff). */
function keyedParts(parts: DiffPart[]) {
  let offset = 0;
  return parts.map((part) => {
    const key = `${part.kind}@${offset}`;
    offset += part.text.length;
    return { ...part, key };
  });
}

/** A word diff: additions in green, removals struck through in red. */
export function WordDiff(props: { parts: DiffPart[]; testId?: string }) {
  return (
    <p className="whitespace-pre-wrap text-sm leading-relaxed" data-testid={props.testId}>
      {keyedParts(props.parts).map((part) =>
        part.kind === "added" ? (
          <ins key={part.key} className="bg-emerald-100 text-emerald-900 no-underline">
            {part.text}
          </ins>
        ) : part.kind === "removed" ? (
          <del key={part.key} className="bg-red-100 text-red-900">
            {part.text}
          </del>
        ) : (
          <span key={part.key}>{part.text}</span>
        ),
      )}
    </p>
  );
}
