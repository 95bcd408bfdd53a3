import type { Channel } from "@conductor/db/enums";
import type { UseCaseContext } from "../context";
import { BASELINE_WEEKS, type WindowUnit } from "./release-report";

/**
 * The analysis's SQL: statements over CallDaily and CallVolume that measure
 * every attribution-window day (or week) of every release against its own
 * baseline, and the holdout groups' calls. The arithmetic on their rows is
 * in release-report.ts.
 */

/** One measured window unit of one send, as the statements return it. */
export interface WindowRow extends Omit<WindowUnit, "unit"> {
  release_id: string;
  send_day: Date;
}

export interface HoldoutRow {
  release_id: string;
  sent_calls: number;
  held_out_calls: number;
  days_with_data: number;
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

/**
 * One row per release, send date, mapped reason and day of the attribution
 * window: the calls seen that day, and the same weekday over the prior
 * weeks (mean, count, sum of squared deviations) — leaving out weeks that
 * fall inside any message's window for that reason, and weeks before or
 * after the data. All in SQL: the database does the joins over the series.
 */
export async function measureWindows(
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
      days: await tx.$queryRawUnsafe<WindowRow[]>(windowDaysSql, organizationId, json),
      weeks: await tx.$queryRawUnsafe<WindowRow[]>(windowWeeksSql, organizationId, json),
    };
  });
}

/** Calls from the sent and held-back groups over each holdout release's window. */
export function holdoutCalls(
  db: UseCaseContext["db"],
  organizationId: string,
  windows: Record<Channel, number>,
) {
  return db.$queryRawUnsafe<HoldoutRow[]>(holdoutCallsSql, organizationId, JSON.stringify(windows));
}
