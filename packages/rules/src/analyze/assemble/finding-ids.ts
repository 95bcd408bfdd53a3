// Ids for findings and call drivers: unique in a result, stable for the same text.
import type { DocumentContext } from "./context";

export function assignIds(c: DocumentContext): void {
  const { findings, callDrivers } = c;
  // Unique ids (React keys, "jump to"): findings at the same place and rule
  // (several must-say facts missing at the end) are told apart by their order.
  // Sorted, so such findings are neighbours: one comparison with the one before.
  let repeat = 1;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    const before = findings[i - 1];
    repeat =
      before &&
      before.ruleId === f.ruleId &&
      before.start === f.start &&
      before.end === f.end &&
      before.field === f.field
        ? repeat + 1
        : 1;
    const base = `${f.ruleId}${f.field ? `:${f.field}` : ""}@${f.start}-${f.end}`;
    f.id = repeat === 1 ? base : `${base}#${repeat}`;
  }
  callDrivers.forEach((d, i) => {
    d.id = `call${i}@${d.start}-${d.end}`;
  });
}
