import { type AccessChange, type Actor, loadActor } from "@conductor/core";
import type { Database } from "@conductor/db";

/** What the API tells the collaboration servers (the web app posts it over HTTP). */
export interface CollabSignals {
  accessChanged(change: AccessChange): Promise<void>;
}

export interface ApiContext {
  db: Database;
  actor: Actor | null;
  /** Signs collaboration tokens; the collab server verifies with the same secret. */
  collabSecret: string;
  collab: CollabSignals;
}

/** Builds a request's context from the signed-in user id (from the session), if any. */
export async function createApiContext(input: {
  db: Database;
  userId: string | null;
  collabSecret: string;
  collab: CollabSignals;
}): Promise<ApiContext> {
  return {
    db: input.db,
    actor: input.userId ? await loadActor(input.db, input.userId) : null,
    collabSecret: input.collabSecret,
    collab: input.collab,
  };
}
