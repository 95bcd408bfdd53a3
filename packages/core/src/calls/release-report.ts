import type { Channel } from "@conductor/db/enums";
import {
  excessCalls,
  excessRateRatio,
  type Interval,
  perThousand,
  rateDifference,
  rateRatio,
  zFor,
} from "./stats";

/** Baseline: the same weekday over up to 8 prior weeks (the SQL measures as many). */
export const BASELINE_WEEKS = 8;

/** A window day (or week) needs at least 4 usable baseline weeks to be measured. */
const MINIMUM_WEEKS = 4;

/**
 * One day (or week) of a send's attribution window for one mapped reason:
 * the calls seen then, and the same weekday's (week's) baseline — how many
 * usable weeks, their mean, and their sum of squared deviations.
 */
export interface WindowUnit {
  reason: string;
  /** Days after the send, or weeks from the send's own week. */
  lag: number;
  /** Whether the call data reaches this day at all. */
  covered: boolean;
  observed: number;
  n: number | null;
  mean: number | null;
  ssd: number | null;
  unit: "day" | "week";
}

/** What is known of one release before its calls are counted. */
export interface ReleaseFacts {
  releaseId: string;
  communication: { id: string; title: string; channel: Channel };
  versionId: string;
  releasedAt: Date;
  sendDates: Date[];
  recipients: number;
  /** The clarity score frozen at submission. */
  score: number;
  /** The rules behind the frozen findings (repeats allowed). */
  findingRuleIds: string[];
  /** The reason codes mapped to the communication. */
  reasons: string[];
  /** Days of the attribution window for the release's channel. */
  windowDays: number;
  holdout: { sentSegment: string; heldOutSegment: string; heldOut: number } | null;
}

export interface ReleaseMeasurements {
  /** The release's window units, daily or weekly per reason (never both). */
  units: readonly WindowUnit[];
  /** Calls from the sent and held-back groups over the window (zeros without data). */
  holdoutCalls: { sent: number; heldOut: number; daysWithData: number };
  /** The communication's previous release, already reported. */
  predecessor: Pick<ReleaseReport, "releaseId" | "excess" | "recipients"> | null;
}

export type Evidence =
  /** The group sent the message against a group held back at random, told apart by segment. */
  | "holdout"
  /** Against the message's own baseline: no holdout group in the data. */
  | "directional"
  /** Too little call data around the window to say anything. */
  | "insufficient-data"
  /** No reason codes mapped to the communication. */
  | "no-reasons";

/** A release's report repeats the facts it was made from, then what the calls say. */
export interface ReleaseReport
  extends Pick<
    ReleaseFacts,
    | "releaseId"
    | "communication"
    | "versionId"
    | "releasedAt"
    | "sendDates"
    | "recipients"
    | "score"
    | "reasons"
    | "windowDays"
  > {
  ruleIds: string[];
  /** Window days with data and a baseline, over all window days (reasons counted daily). */
  daysMeasured: number;
  daysInWindow: number;
  /** The same in weeks, for reasons the contact centre counts by the week. */
  weeksMeasured: number;
  weeksInWindow: number;
  /** Whether the lag profile steps by day after the send, or by week from the send's week. */
  lagUnit: "day" | "week";
  observed: number;
  expected: number;
  dispersion: number;
  excess: (Interval & { se: number }) | null;
  /** Excess calls per 1,000 recipients. */
  contactRate: Interval | null;
  lagProfile: { lag: number; observed: number; expected: number; excess: number }[];
  topReasons: { reason: string; observed: number; expected: number; excess: number }[];
  evidence: Evidence;
  /** The excess against the message's own baseline, whatever the evidence (null without data). */
  directional: (Interval & { se: number }) | null;
  /** The comparison with the customers held back, when the send had a holdout group (its figures null without data). */
  holdout: HoldoutReport | null;
  /** Against the communication's previous release: the ratio of excess contact rates. */
  versusPredecessor: { releaseId: string; ratio: Interval | null } | null;
}

export interface HoldoutReport {
  sentSegment: string;
  heldOutSegment: string;
  heldOut: number;
  /** Calls for the mapped reasons over the window, from each group. */
  sentCalls: number;
  heldOutCalls: number;
  /** Window days with any call data for the two segments. */
  daysWithData: number;
  /** Calls per customer sent it over calls per customer held back. */
  ratio: Interval | null;
  /** The difference in calls per 1,000 customers, sent minus held back. */
  perThousand: Interval | null;
}

/** The holdout comparison for one release: calls per customer sent it against per customer held back. */
export function holdoutComparison(
  holdout: { sentSegment: string; heldOutSegment: string; heldOut: number },
  recipients: number,
  calls: { sent: number; heldOut: number; daysWithData: number },
): HoldoutReport {
  // No data over the window is no evidence, not a difference of zero.
  const measured = calls.daysWithData > 0;
  const difference = measured
    ? rateDifference(calls.sent, recipients, calls.heldOut, holdout.heldOut)
    : null;
  return {
    ...holdout,
    sentCalls: calls.sent,
    heldOutCalls: calls.heldOut,
    daysWithData: calls.daysWithData,
    ratio: measured ? rateRatio(calls.sent, recipients, calls.heldOut, holdout.heldOut) : null,
    perThousand: difference
      ? {
          estimate: difference.estimate * 1000,
          low: difference.low * 1000,
          high: difference.high * 1000,
        }
      : null,
  };
}

/**
 * One release's report from its measured window: excess calls over the
 * baseline with an interval widened for overdispersion (or, with a holdout
 * group, against the customers held back), the contact rate per 1,000
 * recipients, the lag profile, the top reasons, and the ratio against its
 * predecessor. Pure: the database work is done before.
 */
export function releaseReport(
  release: ReleaseFacts,
  { units, holdoutCalls, predecessor }: ReleaseMeasurements,
): ReleaseReport {
  const reasons = [...release.reasons].sort();
  const measured = units.filter((d) => d.covered && (d.n ?? 0) >= MINIMUM_WEEKS);
  // The lag profile is by day where any reason is counted daily, else by week.
  const lagUnit = measured.some((d) => d.unit === "day") || measured.length === 0 ? "day" : "week";
  let observed = 0;
  let expected = 0;
  let expectedOverWeeks = 0;
  let ssdOverMean = 0;
  let freedom = 0;
  const lags = new Map<number, { observed: number; expected: number }>();
  const perReason = new Map<string, { observed: number; expected: number }>();
  for (const day of measured) {
    const mean = Number(day.mean);
    observed += Number(day.observed);
    expected += mean;
    expectedOverWeeks += mean / Number(day.n);
    if (mean > 0) {
      ssdOverMean += Number(day.ssd) / mean;
      freedom += Number(day.n) - 1;
    }
    if (day.unit === lagUnit) {
      const lag = lags.get(day.lag) ?? { observed: 0, expected: 0 };
      lag.observed += Number(day.observed);
      lag.expected += mean;
      lags.set(day.lag, lag);
    }
    const reason = perReason.get(day.reason) ?? { observed: 0, expected: 0 };
    reason.observed += Number(day.observed);
    reason.expected += mean;
    perReason.set(day.reason, reason);
  }
  const phi = freedom > 0 ? Math.max(1, ssdOverMean / freedom) : 1;
  const directional =
    reasons.length > 0 && measured.length > 0
      ? excessCalls({
          observed,
          expected,
          baselineWeeks: expectedOverWeeks > 0 ? expected / expectedOverWeeks : BASELINE_WEEKS,
          dispersion: phi,
        })
      : null;
  const holdout = release.holdout
    ? holdoutComparison(release.holdout, release.recipients, holdoutCalls)
    : null;
  const evidence: Evidence =
    reasons.length === 0
      ? "no-reasons"
      : holdout?.perThousand
        ? "holdout"
        : directional
          ? "directional"
          : "insufficient-data";
  // With a holdout the excess is the sent group's calls over what the
  // held-back group's rate predicts for as many customers.
  const holdoutDifference = evidence === "holdout" ? holdout?.perThousand : null;
  const excess = holdoutDifference
    ? holdoutExcess(holdoutDifference, release.recipients)
    : directional;
  return {
    releaseId: release.releaseId,
    communication: release.communication,
    versionId: release.versionId,
    releasedAt: release.releasedAt,
    sendDates: release.sendDates,
    recipients: release.recipients,
    score: release.score,
    ruleIds: [...new Set(release.findingRuleIds)].sort(),
    reasons,
    windowDays: release.windowDays,
    daysMeasured: measured.filter((d) => d.unit === "day").length,
    daysInWindow: units.filter((d) => d.unit === "day").length,
    weeksMeasured: measured.filter((d) => d.unit === "week").length,
    weeksInWindow: units.filter((d) => d.unit === "week").length,
    lagUnit,
    observed,
    expected,
    dispersion: phi,
    excess,
    contactRate: holdoutDifference
      ? holdoutDifference
      : excess
        ? perThousand(excess, release.recipients)
        : null,
    lagProfile: [...lags.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([lag, v]) => ({ lag, ...v, excess: v.observed - v.expected })),
    topReasons: [...perReason.entries()]
      .map(([reason, v]) => ({ reason, ...v, excess: v.observed - v.expected }))
      .sort((a, b) => b.excess - a.excess),
    evidence,
    directional,
    holdout,
    versusPredecessor: predecessor
      ? {
          releaseId: predecessor.releaseId,
          ratio:
            excess && predecessor.excess
              ? excessRateRatio(
                  { excess: excess.estimate, se: excess.se, recipients: release.recipients },
                  {
                    excess: predecessor.excess.estimate,
                    se: predecessor.excess.se,
                    recipients: predecessor.recipients,
                  },
                )
              : null,
        }
      : null,
  };
}

/** Excess calls from a difference per 1,000 customers, with a standard error from its interval. */
function holdoutExcess(difference: Interval, recipients: number): Interval & { se: number } {
  const scale = recipients / 1000;
  return {
    estimate: difference.estimate * scale,
    low: difference.low * scale,
    high: difference.high * scale,
    se: ((difference.high - difference.low) * scale) / (2 * zFor(0.95)),
  };
}
