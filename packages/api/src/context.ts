import { type AccessChange, type Actor, loadActor, type ReviewStateChange } from "@conductor/core";
import type { Database } from "@conductor/db";

/** What the API tells the collaboration servers (the web app posts it over HTTP). */
export interface CollabSignals {
  accessChanged(change: AccessChange): Promise<void>;
  /** A review opened or closed, or the organisation's review settings changed: who may edit directly. */
  reviewChanged(change: ReviewStateChange): Promise<void>;
}

/**
 * Something changed that open screens in one organisation should show: ids
 * and kinds only, never content. Screens refetch through tRPC, so what each
 * person sees is still decided by the procedures' policies.
 */
export type LiveEvent =
  /** A review was submitted, decided, withdrawn, assigned or released. */
  | { kind: "review"; organizationId: string; communicationId: string }
  /** New notifications for these people (a mention, say). */
  | { kind: "notification"; organizationId: string; userIds: string[] }
  /**
   * A person's membership changed or ended: their open streams check it again
   * at once (and end if it is gone) instead of at the organisation's next event.
   */
  | { kind: "access"; organizationId: string; userId: string };

/** Where the API announces changes after they commit (the web app's live bus). */
export interface LiveSignals {
  publish(event: LiveEvent): Promise<void>;
}

export interface ApiContext {
  db: Database;
  actor: Actor | null;
  /** Signs collaboration tokens; the collab server verifies with the same secret. */
  collabSecret: string;
  collab: CollabSignals;
  live: LiveSignals;
}

/**
 * Builds a request's context from the signed-in user id (from the session),
 * if any, or from the actor the caller already read with the session
 * (loadSignedInActor: one statement for both on every request).
 */
export async function createApiContext(
  input: {
    db: Database;
    collabSecret: string;
    collab: CollabSignals;
    /** Left out where no screen can be listening (scripts, tests of other concerns). */
    live?: LiveSignals;
  } & ({ userId: string | null } | { actor: Actor | null }),
): Promise<ApiContext> {
  return {
    db: input.db,
    actor:
      "actor" in input
        ? input.actor
        : input.userId
          ? await loadActor(input.db, input.userId)
          : null,
    collabSecret: input.collabSecret,
    collab: input.collab,
    live: input.live ?? { publish: async () => {} },
  };
}
