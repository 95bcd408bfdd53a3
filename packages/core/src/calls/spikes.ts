import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import { analyzeOrganization } from "./analysis";
import type { ReleaseReport } from "./release-report";

const DAY = 86_400_000;

export interface Spike {
  reason: string;
  day: Date;
  observed: number;
  expected: number;
  /** Standard deviations above the baseline, under Poisson noise widened by φ. */
  z: number;
}

/**
 * Days a reason's calls jumped: more than `threshold` standard deviations
 * above the mean of the same weekday over the 8 weeks before (at least 4 of
 * them with data; the mean's own noise counted), and at least 20 calls —
 * newest first. Computed in SQL on the daily sums. At 4 standard deviations
 * a steady Poisson series raises a false alarm about once in 10,000 days.
 */
export async function findSpikes(
  db: UseCaseContext["db"],
  organizationId: string,
  threshold: number,
  limit: number,
): Promise<Spike[]> {
  const rows = await db.$queryRawUnsafe<
    { reason: string; day: Date; observed: number; expected: number; n: number }[]
  >(
    `WITH base AS (
       SELECT d."reasonCode" AS reason, d.day, d.calls::float8 AS observed,
              avg(p.calls) AS expected, count(p.calls)::int AS n
       FROM "CallDaily" d
       JOIN "CallDaily" p ON p."organizationId" = d."organizationId"
        AND p."reasonCode" = d."reasonCode"
        AND p.day IN (d.day - 7, d.day - 14, d.day - 21, d.day - 28,
                      d.day - 35, d.day - 42, d.day - 49, d.day - 56)
       WHERE d."organizationId" = $1 AND d.calls >= 20
       GROUP BY 1, 2, 3
     )
     SELECT reason, day, observed, expected, n FROM base
     WHERE n >= 4 AND observed > expected + $2 * sqrt(greatest(expected, 1) * (1 + 1.0 / n))
     ORDER BY day DESC, observed - expected DESC
     LIMIT ${limit}`,
    organizationId,
    threshold,
  );
  return rows.map((r) => ({
    reason: r.reason,
    day: new Date(r.day),
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
  spike: Pick<Spike, "reason" | "day">,
) {
  const day = spike.day.getTime();
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
          return day >= start && day < start + r.windowDays * DAY;
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
  first: Date;
  last: Date;
  /** Spike days in the episode (days between them that did not spike are not counted). */
  days: number;
  observed: number;
  expected: number;
  /** The largest jump of any of its days, in standard deviations. */
  peakZ: number;
}

/**
 * Spike days of one reason at most `gap` days apart make one episode: a
 * message's calls run for days, and a weekend with fewer calls between them
 * should not split them in two. Newest first.
 */
export function spikeEpisodes(spikes: readonly Spike[], gap = 2): SpikeEpisode[] {
  const byReason = new Map<string, Spike[]>();
  for (const spike of spikes) {
    const list = byReason.get(spike.reason) ?? [];
    list.push(spike);
    byReason.set(spike.reason, list);
  }
  const episodes: SpikeEpisode[] = [];
  for (const [reason, days] of byReason) {
    days.sort((a, b) => a.day.getTime() - b.day.getTime());
    let current: SpikeEpisode | null = null;
    for (const spike of days) {
      if (current && spike.day.getTime() - current.last.getTime() <= gap * DAY) {
        current.last = spike.day;
        current.days++;
        current.observed += spike.observed;
        current.expected += spike.expected;
        current.peakZ = Math.max(current.peakZ, spike.z);
        continue;
      }
      current = {
        reason,
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
  for (let t = episode.first.getTime(); t <= episode.last.getTime(); t += DAY)
    for (const message of explainSpike(releases, { reason: episode.reason, day: new Date(t) }))
      found.set(message.releaseId, message);
  return [...found.values()].sort((a, b) => b.excess - a.excess);
}

/** Spike episodes, each with the released messages ranked by the excess they account for. */
export async function explainedEpisodes(
  db: UseCaseContext["db"],
  organizationId: string,
  releases: readonly ReleaseReport[],
) {
  // Up to 200 spike days: enough for the episodes anyone looks at.
  const spikes = await findSpikes(db, organizationId, 4, 200);
  return spikeEpisodes(spikes).map((episode) => ({
    ...episode,
    messages: explainEpisode(releases, episode),
  }));
}

/** Recent spike episodes and what explains them. */
export async function callSpikes(ctx: UseCaseContext, organizationId: string) {
  authorizeInOrganization(ctx, "calls.read", organizationId);
  const analysis = await analyzeOrganization(ctx.db, organizationId);
  return explainedEpisodes(ctx.db, organizationId, analysis.releases);
}
