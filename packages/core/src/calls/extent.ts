import type { UseCaseContext } from "../context";

const DAY = 86_400_000;

export interface CallDataExtent {
  /** First and last day with call data, daily or weekly (a weekly row's day is its Monday). */
  first: number;
  last: number;
  /** Whether any reason is counted by the week. */
  weekly: boolean;
}

/**
 * The span of an organisation's call data. CallDaily's key leads with
 * organisation and reason, so min(day) over all of it would read every row
 * (two scans of 400,000 rows at 12 years × 92 reasons); instead each reason
 * is found by skipping along the key, and its first and last day are two
 * probes — a few hundred index lookups, whatever the size.
 */
export async function callDataExtent(
  db: UseCaseContext["db"],
  organizationId: string,
): Promise<CallDataExtent | null> {
  const [row] = await db.$queryRawUnsafe<
    { first: Date | null; last: Date | null; wfirst: Date | null; wlast: Date | null }[]
  >(
    `WITH RECURSIVE reasons AS (
       (SELECT "reasonCode" AS code FROM "CallDaily"
        WHERE "organizationId" = $1 ORDER BY "reasonCode" LIMIT 1)
       UNION ALL
       SELECT (SELECT "reasonCode" FROM "CallDaily"
               WHERE "organizationId" = $1 AND "reasonCode" > r.code
               ORDER BY "reasonCode" LIMIT 1)
       FROM reasons r WHERE r.code IS NOT NULL
     ),
     days AS (
       SELECT (SELECT min(day) FROM "CallDaily" c
                WHERE c."organizationId" = $1 AND c."reasonCode" = r.code) AS first,
              (SELECT max(day) FROM "CallDaily" c
                WHERE c."organizationId" = $1 AND c."reasonCode" = r.code) AS last
       FROM reasons r WHERE r.code IS NOT NULL
     )
     SELECT (SELECT min(first) FROM days) AS first, (SELECT max(last) FROM days) AS last,
            min(day) AS wfirst, max(day) AS wlast
     FROM "CallVolume" WHERE "organizationId" = $1 AND granularity = 'WEEK'`,
    organizationId,
  );
  if (!row) return null;
  const times = [row.first, row.last, row.wfirst, row.wlast]
    .filter((d): d is Date => d !== null)
    .map((d) => new Date(d).getTime());
  if (times.length === 0) return null;
  return {
    first: Math.min(...times),
    last: Math.max(...times),
    weekly: row.wfirst !== null,
  };
}

/** How far back the spike search looks from the end of the range: two years of days. */
export const SPIKE_SEARCH_DAYS = 731;

/**
 * The days the spike search covers for a view: its range clamped to the
 * data, and at most its last two years (a spike list is read newest first;
 * searching 12 years of 100 reasons took seconds, for lines nobody scrolls to).
 */
export function spikeSearchRange(
  extent: CallDataExtent,
  filter: { from?: string; to?: string },
): { first: number; last: number } | null {
  const last = Math.min(extent.last + 6 * DAY, filter.to ? Date.parse(filter.to) : Infinity);
  const first = Math.max(
    extent.first,
    filter.from ? Date.parse(filter.from) : -Infinity,
    last - (SPIKE_SEARCH_DAYS - 1) * DAY,
  );
  return first <= last ? { first, last } : null;
}
