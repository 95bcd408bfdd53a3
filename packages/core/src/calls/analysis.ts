import type { Channel } from "@conductor/db/enums";
import type { UseCaseContext } from "../context";
import { authorize } from "../policies";
import {
  excessCalls,
  excessRateRatio,
  type Interval,
  lift,
  perThousand,
  rateDifference,
  rateRatio,
  spearman,
  zFor,
} from "./stats";

/** Days after a send whose calls count towards the message, when the organisation has not said. */
export const defaultAttributionDays: Record<Channel, number> = {
  EMAIL: 7,
  SMS: 3,
  LETTER: 14,
  EBILL: 10,
  PUSH: 2,
  IN_APP: 3,
};

/** Baseline: the same weekday over up to 8 prior weeks; fewer than 4 usable weeks is too few. */
const BASELINE_WEEKS = 8;
const MINIMUM_WEEKS = 4;

interface DayRow {
  release_id: string;
  send_day: Date;
  reason: string;
  lag: number;
  covered: boolean;
  observed: number;
  n: number | null;
  mean: number | null;
  ssd: number | null;
}

/** Every send date of the organisation's releases ($1), with the channel that sets its window. */
const sendsCte = `WITH sends AS (
       SELECT rl.id AS release_id, rl."communicationId" AS communication_id, d::date AS send_day,
              rl.channel::text AS channel
       FROM "Release" rl
       JOIN "Communication" c ON c.id = rl."communicationId"
       CROSS JOIN LATERAL unnest(rl."sendDates") AS d
       WHERE c."organizationId" = $1
     ),`;

/**
 * Per window unit (id): calls seen (probe week 0), and over the baseline
 * probes (weeks 1–8) their count, mean and sum of squared deviations —
 * a probe with no row counts as 0 calls.
 */
const measuredCte = (probes: string, counts: string) => `measured AS (
       SELECT p.id,
              bool_or(p.week = 0) AS covered,
              COALESCE(sum(d.calls) FILTER (WHERE p.week = 0), 0) AS observed,
              count(*) FILTER (WHERE p.week > 0)::int AS n,
              avg(COALESCE(d.calls, 0)) FILTER (WHERE p.week > 0) AS mean,
              COALESCE(var_samp(COALESCE(d.calls, 0)) FILTER (WHERE p.week > 0)
                       * (count(*) FILTER (WHERE p.week > 0) - 1), 0) AS ssd
       FROM ${probes} p
       LEFT JOIN ${counts} d ON d.reason = p.reason AND d.day = p.day
       GROUP BY p.id
     )`;

/** $1 the organisation, $2 the attribution days per channel as JSON. */
export const windowDaysSql = `${sendsCte}
     windows AS (
       SELECT row_number() OVER () AS id, s.release_id, s.send_day, m."reasonCode" AS reason,
              g.lag, s.send_day + g.lag AS day
       FROM sends s
       JOIN "CommunicationCallReason" m ON m."communicationId" = s.communication_id
       CROSS JOIN LATERAL generate_series(0, ($2::jsonb ->> s.channel)::int - 1) AS g(lag)
     ),
     daily AS (
       SELECT "reasonCode" AS reason, day, calls::float8 AS calls
       FROM "CallDaily"
       WHERE "organizationId" = $1 AND "reasonCode" IN (SELECT DISTINCT reason FROM windows)
     ),
     -- First and last day of data per reason: two index probes each.
     coverage AS MATERIALIZED (
       SELECT r.reason,
              (SELECT min(day) FROM "CallDaily" c
                WHERE c."organizationId" = $1 AND c."reasonCode" = r.reason) AS first,
              (SELECT max(day) FROM "CallDaily" c
                WHERE c."organizationId" = $1 AND c."reasonCode" = r.reason) AS last
       FROM (SELECT DISTINCT reason FROM windows) r
     ),
     busy AS (SELECT DISTINCT reason, day FROM windows),
     -- Week 0 is the window day itself; weeks 1-${BASELINE_WEEKS} its baseline, without
     -- days inside any message's window for the reason and days outside the data.
     probes AS (
       SELECT w.id, k.week, w.reason, w.day - 7 * k.week AS day
       FROM windows w
       JOIN coverage cv ON cv.reason = w.reason
       CROSS JOIN generate_series(0, ${BASELINE_WEEKS}) AS k(week)
       LEFT JOIN busy b ON b.reason = w.reason AND b.day = w.day - 7 * k.week
       WHERE w.day - 7 * k.week BETWEEN cv.first AND cv.last
         AND (k.week = 0 OR b.day IS NULL)
     ),
     ${measuredCte("probes", "daily")}
     SELECT w.release_id, w.send_day, w.reason, w.lag, COALESCE(m.covered, false) AS covered,
            COALESCE(m.observed, 0) AS observed, NULLIF(m.n, 0) AS n, m.mean, m.ssd
     FROM windows w
     LEFT JOIN measured m ON m.id = w.id`;

/**
 * The same, for reasons counted by the week (CallVolume rows of granularity
 * WEEK, dated by their Monday): one row per release, send date, mapped
 * reason and week overlapping the window — lag in weeks from the send's own
 * week — against the same reason's 8 weeks before the send's week, leaving
 * out weeks overlapping any message's window. $1 the organisation, $2 the
 * attribution days per channel as JSON.
 */
export const windowWeeksSql = `${sendsCte}
     weekly AS MATERIALIZED (
       SELECT "reasonCode" AS reason, day, sum(calls)::float8 AS calls
       FROM "CallVolume"
       WHERE "organizationId" = $1 AND granularity = 'WEEK'
       GROUP BY 1, 2
     ),
     -- Mondays by date arithmetic: date_trunc would go through the session's time zone.
     mondays AS (
       SELECT s.*, s.send_day - (extract(isodow FROM s.send_day)::int - 1) AS monday
       FROM sends s
     ),
     windows AS (
       SELECT row_number() OVER () AS id, s.release_id, s.monday AS send_week,
              m."reasonCode" AS reason, g.lag, s.monday + 7 * g.lag AS day
       FROM mondays s
       JOIN "CommunicationCallReason" m ON m."communicationId" = s.communication_id
       CROSS JOIN LATERAL generate_series(
         0, (s.send_day + ($2::jsonb ->> s.channel)::int - 1 - s.monday) / 7) AS g(lag)
       WHERE m."reasonCode" IN (SELECT reason FROM weekly)
     ),
     coverage AS MATERIALIZED (
       SELECT reason, min(day) AS first, max(day) AS last FROM weekly GROUP BY reason
     ),
     busy AS (SELECT DISTINCT reason, day FROM windows),
     probes AS (
       SELECT w.id, k.week, w.reason,
              CASE WHEN k.week = 0 THEN w.day ELSE w.send_week - 7 * k.week END AS day
       FROM windows w
       JOIN coverage cv ON cv.reason = w.reason
       CROSS JOIN generate_series(0, ${BASELINE_WEEKS}) AS k(week)
     ),
     kept AS (
       SELECT p.* FROM probes p
       JOIN coverage cv ON cv.reason = p.reason
       LEFT JOIN busy b ON b.reason = p.reason AND b.day = p.day AND p.week > 0
       WHERE p.day BETWEEN cv.first AND cv.last AND b.day IS NULL
     ),
     ${measuredCte("kept", "weekly")}
     SELECT w.release_id, w.send_week AS send_day, w.reason, w.lag,
            COALESCE(m.covered, false) AS covered,
            COALESCE(m.observed, 0) AS observed, NULLIF(m.n, 0) AS n, m.mean, m.ssd
     FROM windows w
     LEFT JOIN measured m ON m.id = w.id`;

/**
 * One row per release, send date, mapped reason and day of the attribution
 * window: the calls seen that day, and the same weekday over the prior
 * weeks (mean, count, sum of squared deviations) — leaving out weeks that
 * fall inside any message's window for that reason, and weeks before or
 * after the data. All in SQL: the database does the joins over the series.
 */
async function windowDays(
  db: UseCaseContext["db"],
  organizationId: string,
  windows: Record<Channel, number>,
) {
  // The planner cannot estimate rows from generate_series and unnest: it
  // expects millions, and picks nested loops (every window day against every
  // series day) or merge joins (sorting the whole series, several times).
  // The real inputs are small and hash joins are right for every shape here.
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL enable_nestloop = off");
    await tx.$executeRawUnsafe("SET LOCAL enable_mergejoin = off");
    // JIT compiling this plan costs more than running it (about 1.5 s on PostgreSQL 17).
    await tx.$executeRawUnsafe("SET LOCAL jit = off");
    const json = JSON.stringify(windows);
    return {
      days: await tx.$queryRawUnsafe<DayRow[]>(windowDaysSql, organizationId, json),
      weeks: await tx.$queryRawUnsafe<DayRow[]>(windowWeeksSql, organizationId, json),
    };
  });
}

/**
 * Which rows measure each of a release's reasons: its daily rows when the
 * daily data covers any of the window, else its weekly rows (a contact
 * centre that reports some reasons by the week). Never both, so no call is
 * counted twice.
 */
export function chooseUnits(days: readonly DayRow[], weeks: readonly DayRow[]) {
  const key = (r: DayRow) => `${r.release_id}\u0000${r.reason}`;
  const daily = new Set(days.filter((d) => d.covered).map(key));
  const weekly = weeks.filter((w) => !daily.has(key(w)));
  const weeklyKeys = new Set(weekly.filter((w) => w.covered).map(key));
  return [
    ...days.filter((d) => !weeklyKeys.has(key(d))).map((d) => ({ ...d, unit: "day" as const })),
    ...weekly.filter((w) => weeklyKeys.has(key(w))).map((w) => ({ ...w, unit: "week" as const })),
  ];
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

export interface ReleaseReport {
  releaseId: string;
  communication: { id: string; title: string; channel: Channel };
  versionId: string;
  releasedAt: Date;
  sendDates: Date[];
  recipients: number;
  score: number;
  ruleIds: string[];
  reasons: string[];
  windowDays: number;
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

interface HoldoutRow {
  release_id: string;
  sent_calls: number;
  held_out_calls: number;
  days_with_data: number;
}

/**
 * Calls over each holdout release's window for its mapped reasons, from the
 * two segments. Few releases have a holdout and the primary key leads with
 * reason and day, so index probes into the raw counts serve.
 */
const holdoutCallsSql = `${sendsCte}
     days AS (
       SELECT DISTINCT s.release_id, m."reasonCode" AS reason, s.send_day + g.lag AS day,
              h."sentSegment" AS sent, h."heldOutSegment" AS held_out
       FROM sends s
       JOIN "ReleaseHoldout" h ON h."releaseId" = s.release_id
       JOIN "CommunicationCallReason" m ON m."communicationId" = s.communication_id
       CROSS JOIN LATERAL generate_series(0, ($2::jsonb ->> s.channel)::int - 1) AS g(lag)
     )
     SELECT d.release_id,
            COALESCE(sum(v.calls) FILTER (WHERE v.segment = d.sent), 0)::int AS sent_calls,
            COALESCE(sum(v.calls) FILTER (WHERE v.segment = d.held_out), 0)::int AS held_out_calls,
            count(DISTINCT v.day)::int AS days_with_data
     FROM days d
     LEFT JOIN "CallVolume" v
       ON v."organizationId" = $1 AND v.granularity = 'DAY' AND v."reasonCode" = d.reason
      AND v.day = d.day AND v.segment IN (d.sent, d.held_out)
     GROUP BY d.release_id`;

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

/** The attribution window per channel: the organisation's choices over the defaults. */
export function attributionWindows(stored: unknown): Record<Channel, number> {
  const chosen = (stored ?? {}) as Partial<Record<Channel, number>>;
  const out = { ...defaultAttributionDays };
  for (const channel of Object.keys(out) as Channel[]) {
    const days = chosen[channel];
    if (Number.isInteger(days) && days! >= 1 && days! <= 60) out[channel] = days!;
  }
  return out;
}

/**
 * The full analysis of an organisation's released messages: per release,
 * excess calls over the baseline with an interval widened for
 * overdispersion, the contact rate per 1,000 recipients, the lag profile
 * and top reasons; each rewrite against its predecessor; and across
 * messages, clarity against contact rate and each rule's lift.
 */
export async function analyzeCallVolume(ctx: UseCaseContext, organizationId: string) {
  authorize(ctx.actor, "calls.read", { kind: "organization", organizationId }, "Organisation");
  const analysis = await analyzeOrganization(ctx.db, organizationId);
  return { ...analysis, releases: analysis.releases.map(suppressSmallCells) };
}

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

export async function analyzeOrganization(db: UseCaseContext["db"], organizationId: string) {
  const organization = await db.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { attributionDays: true },
  });
  const windows = attributionWindows(organization.attributionDays);
  const [rows, holdoutRows, releases] = await Promise.all([
    windowDays(db, organizationId, windows),
    db.$queryRawUnsafe<HoldoutRow[]>(holdoutCallsSql, organizationId, JSON.stringify(windows)),
    db.release.findMany({
      where: { review: { organizationId } },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        communicationId: true,
        versionId: true,
        channel: true,
        sendDates: true,
        recipients: true,
        createdAt: true,
        holdout: { select: { sentSegment: true, heldOutSegment: true, heldOut: true } },
        review: {
          select: {
            score: true,
            analysis: true,
            communication: {
              select: {
                title: true,
                channel: true,
                callReasons: { select: { reasonCode: true } },
              },
            },
          },
        },
      },
    }),
  ]);
  const byRelease = new Map<string, (DayRow & { unit: "day" | "week" })[]>();
  for (const row of chooseUnits(rows.days, rows.weeks)) {
    const list = byRelease.get(row.release_id) ?? [];
    list.push(row);
    byRelease.set(row.release_id, list);
  }
  const holdoutCalls = new Map(holdoutRows.map((h) => [h.release_id, h]));
  const previous = new Map<string, string>();
  const reports: ReleaseReport[] = [];
  for (const release of releases) {
    const days = byRelease.get(release.id) ?? [];
    const reasons = release.review.communication.callReasons.map((r) => r.reasonCode).sort();
    const findings =
      (release.review.analysis as { findings?: { ruleId: string }[] } | null)?.findings ?? [];
    const measured = days.filter((d) => d.covered && (d.n ?? 0) >= MINIMUM_WEEKS);
    // The lag profile is by day where any reason is counted daily, else by week.
    const lagUnit =
      measured.some((d) => d.unit === "day") || measured.length === 0 ? "day" : "week";
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
    const held = holdoutCalls.get(release.id);
    const holdout = release.holdout
      ? holdoutComparison(release.holdout, release.recipients, {
          sent: Number(held?.sent_calls ?? 0),
          heldOut: Number(held?.held_out_calls ?? 0),
          daysWithData: Number(held?.days_with_data ?? 0),
        })
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
    const excess =
      evidence === "holdout"
        ? holdoutExcess(holdout!.perThousand!, release.recipients)
        : directional;
    const predecessorId = previous.get(release.communicationId);
    previous.set(release.communicationId, release.id);
    const report: ReleaseReport = {
      releaseId: release.id,
      communication: {
        id: release.communicationId,
        title: release.review.communication.title,
        channel: release.review.communication.channel,
      },
      versionId: release.versionId,
      releasedAt: release.createdAt,
      sendDates: release.sendDates,
      recipients: release.recipients,
      score: release.review.score,
      ruleIds: [...new Set(findings.map((f) => f.ruleId))].sort(),
      reasons,
      windowDays: windows[release.channel],
      daysMeasured: measured.filter((d) => d.unit === "day").length,
      daysInWindow: days.filter((d) => d.unit === "day").length,
      weeksMeasured: measured.filter((d) => d.unit === "week").length,
      weeksInWindow: days.filter((d) => d.unit === "week").length,
      lagUnit,
      observed,
      expected,
      dispersion: phi,
      excess,
      contactRate:
        evidence === "holdout"
          ? holdout!.perThousand
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
      versusPredecessor: null,
    };
    if (predecessorId) {
      const before = reports.find((r) => r.releaseId === predecessorId)!;
      report.versusPredecessor = {
        releaseId: predecessorId,
        ratio:
          report.excess && before.excess
            ? excessRateRatio(
                {
                  excess: report.excess.estimate,
                  se: report.excess.se,
                  recipients: report.recipients,
                },
                {
                  excess: before.excess.estimate,
                  se: before.excess.se,
                  recipients: before.recipients,
                },
              )
            : null,
      };
    }
    reports.push(report);
  }
  return { windows, releases: reports, across: acrossMessages(reports) };
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

/** Clarity at approval against contact rate, and each rule's lift, over messages with a measured rate. */
export function acrossMessages(reports: readonly ReleaseReport[]) {
  const measured = reports.filter((r) => r.contactRate);
  const rates = measured.map((r) => r.contactRate!.estimate);
  const correlation = spearman(
    measured.map((r) => r.score),
    rates,
  );
  const rules = [...new Set(measured.flatMap((r) => r.ruleIds))].sort();
  const lifts = rules.flatMap((ruleId) => {
    const withRule = measured.filter((r) => r.ruleIds.includes(ruleId));
    const without = measured.filter((r) => !r.ruleIds.includes(ruleId));
    const found = lift(
      withRule.map((r) => r.contactRate!.estimate),
      without.map((r) => r.contactRate!.estimate),
    );
    return [{ ruleId, nWith: withRule.length, nWithout: without.length, lift: found }];
  });
  return { n: measured.length, correlation, lifts };
}

/** How many reasons the chart draws on their own; the rest are summed as "other". */
const CHART_REASONS = 6;

/**
 * Calls over time for the chart: by day, or by week when the data spans more
 * than half a year or any reason is counted by the week; the busiest reasons
 * on their own and the rest as "other". A reason's weekly rows fill only the
 * weeks its daily data does not. Counts from 1 to 10 are suppressed (null,
 * and counted).
 */
export async function callSeries(ctx: UseCaseContext, organizationId: string) {
  authorize(ctx.actor, "calls.read", { kind: "organization", organizationId }, "Organisation");
  const [span] = await ctx.db.$queryRawUnsafe<
    { first: Date | null; last: Date | null; weekly: boolean }[]
  >(
    `SELECT min(day) AS first, max(day) AS last,
            EXISTS (SELECT 1 FROM "CallVolume"
                    WHERE "organizationId" = $1 AND granularity = 'WEEK') AS weekly
     FROM (SELECT day FROM "CallDaily" WHERE "organizationId" = $1
           UNION ALL
           SELECT day FROM "CallVolume" WHERE "organizationId" = $1 AND granularity = 'WEEK') d`,
    organizationId,
  );
  if (!span?.first || !span.last)
    return {
      bucket: "day" as "day" | "week",
      reasons: [] as string[],
      points: [] as ({ t: number } & Record<string, number | null>)[],
      suppressed: 0,
    };
  const bucket: "day" | "week" =
    span.weekly || span.last.getTime() - span.first.getTime() > 183 * DAY_MS ? "week" : "day";
  const counts =
    bucket === "day"
      ? `SELECT day AS t, "reasonCode" AS reason, calls FROM "CallDaily" WHERE "organizationId" = $1`
      : `WITH d AS MATERIALIZED (
           SELECT day - (extract(isodow FROM day)::int - 1) AS t, "reasonCode" AS reason,
                  sum(calls) AS calls
           FROM "CallDaily" WHERE "organizationId" = $1 GROUP BY 1, 2
         ),
         w AS (
           SELECT day AS t, "reasonCode" AS reason, sum(calls) AS calls
           FROM "CallVolume" WHERE "organizationId" = $1 AND granularity = 'WEEK' GROUP BY 1, 2
         )
         SELECT * FROM d
         UNION ALL
         SELECT * FROM w WHERE NOT EXISTS (SELECT 1 FROM d WHERE d.t = w.t AND d.reason = w.reason)`;
  const top = await ctx.db.$queryRawUnsafe<{ reason: string }[]>(
    `SELECT reason FROM (${counts}) c GROUP BY 1 ORDER BY sum(calls) DESC LIMIT ${CHART_REASONS}`,
    organizationId,
  );
  const reasons = top.map((t) => t.reason);
  const rows = await ctx.db.$queryRawUnsafe<{ t: Date; reason: string; calls: number }[]>(
    `SELECT t, CASE WHEN reason = ANY($2::text[]) THEN reason ELSE 'other' END AS reason,
            sum(calls)::int AS calls
     FROM (${counts}) c
     GROUP BY 1, 2 ORDER BY 1`,
    organizationId,
    reasons,
  );
  const byTime = new Map<number, Record<string, number | null>>();
  let suppressed = 0;
  for (const row of rows) {
    const key = new Date(row.t).getTime();
    const point = byTime.get(key) ?? {};
    const calls = Number(row.calls);
    if (calls >= 1 && calls <= 10) suppressed++;
    point[row.reason] = calls >= 1 && calls <= 10 ? null : calls;
    byTime.set(key, point);
  }
  const hasOther = rows.some((r) => r.reason === "other");
  return {
    bucket,
    reasons: hasOther ? [...reasons, "other"] : reasons,
    points: [...byTime.entries()].map(
      ([t, values]) => ({ ...values, t }) as { t: number } & Record<string, number | null>,
    ),
    suppressed,
  };
}

const DAY_MS = 86_400_000;
