import type { LiveEvent } from "@conductor/api";
import IORedis from "ioredis";
import { z } from "zod";

export type LiveListener = (event: LiveEvent) => void;

export interface LiveBus {
  /** Hands the event to every subscriber of its organisation, in every web process. */
  publish(event: LiveEvent): Promise<void>;
  /** Events of one organisation only, in the order they were published; returns the unsubscribe. */
  subscribe(organizationId: string, listener: LiveListener): () => void;
  /** Resolves once this bus hears what is published (with Redis: once subscribed). */
  ready: Promise<void>;
  close(): Promise<void>;
}

const id = z.string().min(1).max(100);
/** What may arrive from Redis: anything else is dropped (another installation, a bad actor). */
const liveEventSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("review"), organizationId: id, communicationId: id }),
  z.object({
    kind: z.literal("notification"),
    organizationId: id,
    userIds: z.array(id).max(10_000),
  }),
  z.object({ kind: z.literal("access"), organizationId: id, userId: id }),
]);

/**
 * The live screens' bus. In one process, a map of organisation → listeners.
 * With Redis (several web processes), every publish goes through one Redis
 * channel and each process delivers what it hears to its own listeners, so
 * the publishing process hears its own events the same way as the others.
 * Redis pub/sub delivers at most once and only to who is subscribed now:
 * screens refetch on reconnecting, so a missed event costs one refetch, not
 * a wrong screen.
 */
export function createLiveBus(options: { redisUrl?: string; channel: string }): LiveBus {
  const listeners = new Map<string, Set<LiveListener>>();
  const deliver = (event: LiveEvent) => {
    for (const listener of listeners.get(event.organizationId) ?? []) {
      try {
        listener(event);
      } catch (error) {
        console.error("live: a subscriber failed on an event:", error);
      }
    }
  };

  let pub: IORedis | undefined;
  let sub: IORedis | undefined;
  let ready = Promise.resolve();
  if (options.redisUrl) {
    pub = new IORedis(options.redisUrl);
    sub = new IORedis(options.redisUrl);
    sub.on("message", (channel: string, message: string) => {
      if (channel !== options.channel) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(message);
      } catch {
        return;
      }
      const event = liveEventSchema.safeParse(parsed);
      if (event.success) deliver(event.data);
    });
    for (const client of [pub, sub])
      client.on("error", (error: Error) => console.warn(`live: Redis: ${error.message}`));
    ready = sub.subscribe(options.channel).then(() => undefined);
  }

  return {
    ready,
    async publish(event) {
      if (!pub) return deliver(event);
      // The change has committed; a Redis outage costs live screens a
      // refetch, not the request that made the change.
      await pub
        .publish(options.channel, JSON.stringify(event))
        .catch((error: unknown) => console.warn(`live: could not publish over Redis: ${error}`));
    },
    subscribe(organizationId, listener) {
      const set = listeners.get(organizationId) ?? new Set<LiveListener>();
      listeners.set(organizationId, set);
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(organizationId);
      };
    },
    async close() {
      listeners.clear();
      await Promise.all([pub?.quit(), sub?.quit()]);
    },
  };
}
