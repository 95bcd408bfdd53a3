import "server-only";
import type { LiveSignals } from "@conductor/api";
import { webEnv } from "~/env";
import { createLiveBus, type LiveBus } from "./live-bus";

// Route handlers may be bundled apart; the bus must still be one per process,
// or the tRPC handler would publish where the events route never listens.
const holder = globalThis as unknown as { conductorLiveBus?: LiveBus };

export function liveBus(): LiveBus {
  holder.conductorLiveBus ??= createLiveBus(webEnv().live);
  return holder.conductorLiveBus;
}

/** What the API publishes through, once a change has committed. */
export const liveSignals: LiveSignals = {
  publish: (event) => liveBus().publish(event),
};
