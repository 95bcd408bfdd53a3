import type { RouterOutputs } from "@conductor/api";
import { dimensionLabels } from "@conductor/core/labels";

type Fitted = Extract<RouterOutputs["calls"]["evidence"], { status: "fitted" }>;
type Change = Fitted["proposal"]["changes"][number];

/** One proposed change as a sentence an admin decides on. */
export function changeWords(change: Change, rules: Fitted["rules"]): string {
  const title = rules.find((r) => r.ruleId === change.ruleId)?.title ?? change.ruleId;
  if (change.kind === "switch-off")
    return `Switch off “${title}”: its findings went with fewer calls, so it steers writers away from what works.`;
  if (change.kind === "raise-severity")
    return `Raise “${title}” from ${change.from} to ${change.to}: its findings went with more calls.`;
  const dimension =
    dimensionLabels[change.dimension as keyof typeof dimensionLabels] ?? change.dimension;
  return `Weigh ${dimension} more in the score (${change.from} → ${change.to}): “${title}” is already an error and its findings went with more calls.`;
}
