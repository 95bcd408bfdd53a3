import type { ReleaseReport } from "./release-report";

const small = (count: number) => count >= 1 && count <= 10;

/**
 * What people may see of a report: counts from 1 to 10 hidden, and with
 * them anything that would give them back (an excess next to its
 * expectation does). The statistics across messages use the full figures.
 */
export function suppressSmallCells(report: ReleaseReport): ReleaseReport & { suppressed: boolean } {
  const hideTotal = small(report.observed);
  const holdout = report.holdout;
  // Either group's count with its size and the difference gives the other back.
  const hideHoldout = holdout !== null && (small(holdout.sentCalls) || small(holdout.heldOutCalls));
  const hideExcess = report.evidence === "holdout" ? hideHoldout : hideTotal;
  return {
    ...report,
    observed: hideTotal ? Number.NaN : report.observed,
    excess: hideExcess ? null : report.excess,
    contactRate: hideExcess ? null : report.contactRate,
    directional: hideTotal ? null : report.directional,
    holdout:
      holdout && hideHoldout
        ? {
            ...holdout,
            sentCalls: small(holdout.sentCalls) ? Number.NaN : holdout.sentCalls,
            heldOutCalls: small(holdout.heldOutCalls) ? Number.NaN : holdout.heldOutCalls,
            ratio: null,
            perThousand: null,
          }
        : holdout,
    lagProfile: report.lagProfile.map((lag) =>
      small(lag.observed) ? { ...lag, observed: Number.NaN, excess: Number.NaN } : lag,
    ),
    topReasons: report.topReasons.map((reason) =>
      small(reason.observed) ? { ...reason, observed: Number.NaN, excess: Number.NaN } : reason,
    ),
    suppressed: hideTotal || hideHoldout,
  };
}
