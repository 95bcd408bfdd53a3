import { SlotsPerHolder } from "@conductor/core";

/**
 * The analytics reads scan a whole organisation's call volume and releases:
 * seconds each on a large one. One member asking for many at once (a
 * batch, several tabs, a script) would take the server from everyone else,
 * so each member has a few in flight at a time. A page opened again while
 * the first is still loading (the analytics page asks for two) waits its
 * turn in a short line; past that line the rest are refused straight away,
 * holding nothing. Counted per process.
 */
export const EXPENSIVE_READS = new Set([
  "calls.dashboard",
  "calls.analysis",
  "calls.spikes",
  "calls.series",
  // Works out a removal over every count the import holds, then rolls it back.
  "calls.importRemoval",
]);

/** The analytics page itself asks for two at once (dashboard and series). */
export const EXPENSIVE_READS_PER_MEMBER = 2;

/** One more page's worth may wait, for as long as a large report takes. */
export const EXPENSIVE_READS_WAITING = { waiting: 2, patienceMs: 30_000 };

export function perMemberLimit(
  limit: number,
  line: { waiting: number; patienceMs: number } = EXPENSIVE_READS_WAITING,
) {
  const inFlight = new SlotsPerHolder();
  const refusal = `You already have ${limit} analytics reports loading. Wait for them to finish, then try again.`;
  return {
    /** Takes a slot for the member, waiting briefly in line, or refuses; call the returned release once. */
    enter: (userId: string): Promise<() => void> =>
      inFlight.takeOrWait(userId, limit, line, refusal),
  };
}
