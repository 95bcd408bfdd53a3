import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import type { CallSeriesFilter } from "../schemas/call-series";
import { analyzeOrganization } from "./analysis";
import { callDataExtent, spikeSearchRange } from "./extent";
import type { ReleaseReport } from "./release-report";

const DAY = 86_400_000;

/** Which days and reasons a spike search covers (epoch ms; all when left out). */
export interface SpikeSearch {
  first?: number;
  last?: number;
  reasons?: readonly string[];
}

export interface Spike {
  reason: string;
  /** The day, or for a reason counted by the week its Monday. */
  day: Date;
  unit: "day" | "week";
  observed: number;
  expected: number;
  /** Standard deviations above the baseline, under Poisson noise widened by φ. */
  z: number;
}

/**
 * Days a reason's calls jumped: more than `threshold` standard deviations
 * above the mean of the same weekday over the 8 weeks before (at least 4 of
 * them with data; the mean's own noise counted), and at least 20 calls. A
 * reason counted by the week (weeks its daily data does not cover) is
 * judged the same way, week against the 8 weeks before. Newest first.
 * At 4 standard deviations a steady Poisson series raises a false alarm
 * about once in 10,000 days.
 *
 * Computed in SQL on the sums with window frames (56 to 7 days back, by
 * reason and weekday): one sort of the series. Joining each day to its 8
 * earlier weekdays took 8 index probes a row — seconds on 12 years × 100
 * reasons.
 */
export async function findSpikes(
  db: UseCaseContext["db"],
  organizationId: string,
  threshold: number,
  limit: number,
  within: SpikeSearch = {},
): Promise<Spike[]> {
  const day = (t: number | undefined) =>
    t === undefined ? null : new Date(t).toISOString().slice(0, 10);
  // $3, $4 the days searched (null: all); $5 the reasons (null: all). Baselines reach 56 days before.
  const params = [
    day(within.first),
    day(within.last),
    within.reasons?.length ? within.reasons : null,
  ];
  const inRange = (column: string) =>
    `($3::date IS NULL OR ${column} >= $3::date - 56) AND ($4::date IS NULL OR ${column} <= $4::date)
       AND ($5::text[] IS NULL OR "reasonCode" = ANY($5::text[]))`;
  const rows = await db.$queryRawUnsafe<
    {
      reason: string;
      day: Date;
      unit: "day" | "week";
      observed: number;
      expected: number;
      n: number;
    }[]
  >(
    `WITH daily AS (
       SELECT "reasonCode" AS reason, day, 'day' AS unit, calls::float8 AS observed,
              avg(calls) OVER earlier AS expected, count(*) OVER earlier AS n
       FROM "CallDaily"
       WHERE "organizationId" = $1 AND ${inRange("day")}
       -- Sorting by the code's bytes, not the collation's rules: the order is never shown.
       WINDOW earlier AS (PARTITION BY "reasonCode" COLLATE "C", extract(isodow FROM day)::int
                          ORDER BY day
                          RANGE BETWEEN '56 days' PRECEDING AND '7 days' PRECEDING)
     ),
     weeks AS (
       SELECT v."reasonCode" AS reason, v.day, sum(v.calls)::float8 AS calls
       FROM "CallVolume" v
       WHERE v."organizationId" = $1 AND v.granularity = 'WEEK' AND ${inRange("v.day")}
         AND NOT EXISTS (SELECT 1 FROM "CallDaily" d
                         WHERE d."organizationId" = $1 AND d."reasonCode" = v."reasonCode"
                           AND d.day BETWEEN v.day AND v.day + 6)
       GROUP BY 1, 2
     ),
     weekly AS (
       SELECT reason, day, 'week' AS unit, calls AS observed,
              avg(calls) OVER earlier AS expected, count(*) OVER earlier AS n
       FROM weeks
       WINDOW earlier AS (PARTITION BY reason COLLATE "C" ORDER BY day
                          RANGE BETWEEN '56 days' PRECEDING AND '7 days' PRECEDING)
     )
     SELECT reason, day, unit, observed, expected, n::int AS n
     FROM (SELECT * FROM daily UNION ALL SELECT * FROM weekly) b
     WHERE observed >= 20 AND n >= 4 AND ($3::date IS NULL OR day >= $3::date - CASE WHEN unit = 'week' THEN 6 ELSE 0 END)
       AND observed > expected + $2 * sqrt(greatest(expected, 1) * (1 + 1.0 / n))
     ORDER BY day DESC, observed - expected DESC
     LIMIT ${limit}`,
    organizationId,
    threshold,
    ...params,
  );
  return rows.map((r) => ({
    reason: r.reason,
    day: new Date(r.day),
    unit: r.unit,
    observed: Number(r.observed),
    expected: Number(r.expected),
    z:
      (Number(r.observed) - Number(r.expected)) /
      Math.sqrt(Math.max(Number(r.expected), 1) * (1 + 1 / Number(r.n))),
  }));
}

/**
 * The messages that could explain a spike: released with the spike's reason
 * mapped, with the day inside one of their attribution windows; ranked by the
 * excess calls of that reason they drove over their window.
 */
export function explainSpike(
  releases: readonly ReleaseReport[],
  spike: Pick<Spike, "reason" | "day"> & { unit?: Spike["unit"] },
) {
  const day = spike.day.getTime();
  // A week's calls could come from any of its seven days.
  const end = day + (spike.unit === "week" ? 7 : 1) * DAY;
  return releases
    .filter(
      (r) =>
        r.reasons.includes(spike.reason) &&
        r.sendDates.some((send) => {
          const start = Date.UTC(
            new Date(send).getUTCFullYear(),
            new Date(send).getUTCMonth(),
            new Date(send).getUTCDate(),
          );
          return end > start && day < start + r.windowDays * DAY;
        }),
    )
    .map((r) => ({
      releaseId: r.releaseId,
      title: r.communication.title,
      excess: r.topReasons.find((t) => t.reason === spike.reason)?.excess ?? 0,
    }))
    .sort((a, b) => b.excess - a.excess);
}

export interface SpikeEpisode {
  reason: string;
  unit: Spike["unit"];
  /** First and last spike day (or week's Monday). */
  first: Date;
  last: Date;
  /** Spike days (or weeks) in the episode; those between them that did not spike are not counted. */
  days: number;
  observed: number;
  expected: number;
  /** The largest jump of any of its days, in standard deviations. */
  peakZ: number;
}

/**
 * Spike days of one reason at most `gap` days apart make one episode: a
 * message's calls run for days, and a weekend with fewer calls between them
 * should not split them in two. Spike weeks make one episode when they
 * follow each other. Newest first.
 */
export function spikeEpisodes(spikes: readonly Spike[], gap = 2): SpikeEpisode[] {
  const byReason = new Map<string, Spike[]>();
  for (const spike of spikes) {
    const key = `${spike.unit}\u0000${spike.reason}`;
    const list = byReason.get(key) ?? [];
    list.push(spike);
    byReason.set(key, list);
  }
  const episodes: SpikeEpisode[] = [];
  for (const days of byReason.values()) {
    days.sort((a, b) => a.day.getTime() - b.day.getTime());
    const head = days[0];
    if (!head) continue;
    const { reason, unit } = head;
    const apart = (unit === "week" ? 7 : gap) * DAY;
    let current: SpikeEpisode | null = null;
    for (const spike of days) {
      if (current && spike.day.getTime() - current.last.getTime() <= apart) {
        current.last = spike.day;
        current.days++;
        current.observed += spike.observed;
        current.expected += spike.expected;
        current.peakZ = Math.max(current.peakZ, spike.z);
        continue;
      }
      current = {
        reason,
        unit,
        first: spike.day,
        last: spike.day,
        days: 1,
        observed: spike.observed,
        expected: spike.expected,
        peakZ: spike.z,
      };
      episodes.push(current);
    }
  }
  return episodes.sort(
    (a, b) =>
      b.last.getTime() - a.last.getTime() || b.observed - b.expected - (a.observed - a.expected),
  );
}

/** The messages that could explain any day of an episode, ranked by their excess for its reason. */
export function explainEpisode(releases: readonly ReleaseReport[], episode: SpikeEpisode) {
  const found = new Map<string, ReturnType<typeof explainSpike>[number]>();
  const step = episode.unit === "week" ? 7 * DAY : DAY;
  for (let t = episode.first.getTime(); t <= episode.last.getTime(); t += step)
    for (const message of explainSpike(releases, {
      reason: episode.reason,
      day: new Date(t),
      unit: episode.unit,
    }))
      found.set(message.releaseId, message);
  return [...found.values()].sort((a, b) => b.excess - a.excess);
}

/**
 * Spike episodes in a view's range (at most its last two years; see
 * spikeSearchRange) and reasons, with the days searched. Needs no releases,
 * so the dashboard runs it beside the analysis.
 */
export async function searchSpikes(
  db: UseCaseContext["db"],
  organizationId: string,
  filter: CallSeriesFilter = {},
) {
  const extent = await callDataExtent(db, organizationId);
  const searched = extent ? spikeSearchRange(extent, filter) : null;
  if (!searched) return { searched, episodes: [] as SpikeEpisode[] };
  // Up to 200 spike days: enough for the episodes anyone looks at.
  const spikes = await findSpikes(db, organizationId, 4, 200, {
    ...searched,
    reasons: filter.reasons,
  });
  return { searched, episodes: spikeEpisodes(spikes) };
}

/** Each episode with the released messages ranked by the excess they account for. */
export function explainEpisodes(
  releases: readonly ReleaseReport[],
  episodes: readonly SpikeEpisode[],
) {
  return episodes.map((episode) => ({ ...episode, messages: explainEpisode(releases, episode) }));
}

/** Recent spike episodes (the last two years of data) and what explains them. */
export async function callSpikes(ctx: UseCaseContext, organizationId: string) {
  authorizeInOrganization(ctx, "calls.read", organizationId);
  const [analysis, found] = await Promise.all([
    analyzeOrganization(ctx.db, organizationId),
    searchSpikes(ctx.db, organizationId),
  ]);
  return explainEpisodes(analysis.releases, found.episodes);
}
