import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";

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
  authorizeInOrganization(ctx, "calls.read", organizationId);
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
