import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import type { CallSeriesFilter } from "../schemas/call-series";
import { callDataExtent } from "./extent";

/** How many reasons the chart draws on their own when none are chosen; the rest are summed as "other". */
const CHART_REASONS = 6;

/** Past this span the chart counts by the week: a day a pixel is too fine to read. */
const DAILY_SPAN_DAYS = 183;

export type SeriesPoint = { t: number } & Record<string, number | null>;

export interface CallSeries {
  bucket: "day" | "week";
  reasons: string[];
  points: SeriesPoint[];
  suppressed: number;
  /** First and last day of all the organisation's data, whatever the filter (for "all" and the presets). */
  extent: { first: number; last: number } | null;
  /** The range drawn: the filter's, clamped to the data. */
  range: { first: number; last: number } | null;
}

/**
 * Calls over time for the chart, narrowed to a date range and reasons when
 * asked: by day, or by week when the range drawn spans more than half a
 * year or any reason is counted by the week; the chosen reasons (else the
 * busiest six) on their own and the rest as "other". A reason's weekly rows
 * fill only the weeks its daily data does not. Counts from 1 to 10 are
 * suppressed (null, and counted).
 */
export async function callSeries(
  ctx: UseCaseContext,
  organizationId: string,
  filter: CallSeriesFilter = {},
): Promise<CallSeries> {
  authorizeInOrganization(ctx, "calls.read", organizationId);
  const span = await callDataExtent(ctx.db, organizationId);
  const empty: CallSeries = {
    bucket: "day",
    reasons: [],
    points: [],
    suppressed: 0,
    extent: null,
    range: null,
  };
  if (!span) return empty;
  const extent = { first: span.first, last: span.last };
  const first = Math.max(extent.first, filter.from ? Date.parse(filter.from) : -Infinity);
  const last = Math.min(extent.last, filter.to ? Date.parse(filter.to) : Infinity);
  if (first > last) return { ...empty, extent };
  const range = { first, last };
  const bucket: "day" | "week" =
    span.weekly || last - first > DAILY_SPAN_DAYS * DAY_MS ? "week" : "day";
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  // $2, $3 the range's first and last day; $4 the reasons, or null for all.
  // By the week, whole weeks: a range starting on a Thursday would make its first week look quiet.
  const monday = (t: number) => t - ((new Date(t).getUTCDay() + 6) % 7) * DAY_MS;
  const [from, to] = bucket === "week" ? [monday(first), monday(last) + 6 * DAY_MS] : [first, last];
  const params = [
    organizationId,
    day(from),
    day(to),
    filter.reasons?.length ? filter.reasons : null,
  ];
  const reasonIs = `($4::text[] IS NULL OR "reasonCode" = ANY($4::text[]))`;
  const counts =
    bucket === "day"
      ? `SELECT day AS t, "reasonCode" AS reason, calls::int AS calls
         FROM "CallDaily"
         WHERE "organizationId" = $1 AND day BETWEEN $2::date AND $3::date AND ${reasonIs}`
      : `WITH d AS MATERIALIZED (
           SELECT day - (extract(isodow FROM day)::int - 1) AS t, "reasonCode" AS reason,
                  sum(calls) AS calls
           FROM "CallDaily"
           WHERE "organizationId" = $1 AND day BETWEEN $2::date AND $3::date AND ${reasonIs}
           GROUP BY 1, 2
         ),
         w AS (
           SELECT day AS t, "reasonCode" AS reason, sum(calls) AS calls
           FROM "CallVolume"
           WHERE "organizationId" = $1 AND granularity = 'WEEK' AND ${reasonIs}
             AND day BETWEEN $2::date AND $3::date
           GROUP BY 1, 2
         )
         SELECT t, reason, calls::int AS calls FROM d
         UNION ALL
         SELECT t, reason, calls::int FROM w
         WHERE NOT EXISTS (SELECT 1 FROM d WHERE d.t = w.t AND d.reason = w.reason)`;
  // One statement: the busiest reasons (or all those chosen) on their own,
  // the rest summed, in the database — a week a reason over 12 years is
  // tens of thousands of rows, and carrying them to Node took longer than
  // summing them.
  const rows = await ctx.db.$queryRawUnsafe<{ t: Date; reason: string; calls: number }[]>(
    `WITH c AS MATERIALIZED (${counts}),
     own AS (SELECT reason FROM c GROUP BY reason ORDER BY sum(calls) DESC, reason LIMIT $5)
     SELECT t, CASE WHEN reason IN (SELECT reason FROM own) THEN reason ELSE 'other' END AS reason,
            sum(calls)::int AS calls
     FROM c GROUP BY 1, 2`,
    ...params,
    filter.reasons?.length ? filter.reasons.length : CHART_REASONS,
  );
  const totals = new Map<string, number>();
  for (const row of rows)
    if (row.reason !== "other")
      totals.set(row.reason, (totals.get(row.reason) ?? 0) + Number(row.calls));
  const chosen = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason]) => reason);
  const sums = new Map<number, Map<string, number>>();
  for (const row of rows) {
    const key = new Date(row.t).getTime();
    const point = sums.get(key) ?? new Map<string, number>();
    point.set(row.reason, Number(row.calls));
    sums.set(key, point);
  }
  let suppressed = 0;
  let hasOther = false;
  const points = [...sums.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([t, values]) => {
      const point: SeriesPoint = { t };
      for (const [name, calls] of values) {
        if (name === "other") hasOther = true;
        if (calls >= 1 && calls <= 10) suppressed++;
        point[name] = calls >= 1 && calls <= 10 ? null : calls;
      }
      return point;
    });
  return {
    bucket,
    reasons: hasOther ? [...chosen, "other"] : chosen,
    points,
    suppressed,
    extent,
    range,
  };
}

const DAY_MS = 86_400_000;
