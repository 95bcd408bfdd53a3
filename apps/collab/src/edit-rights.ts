import { directEditAllowed } from "@conductor/core";
import type { Database } from "@conductor/db";
import type { Connection } from "@hocuspocus/server";

/**
 * How long a remembered answer stands without any signal. Signals
 * (access-signals.ts) make it forget at once; this only bounds how long a
 * signal the web app could not deliver (collab was restarting) leaves a
 * connection with yesterday's answer.
 */
export const EDIT_RIGHTS_FALLBACK_MS = 10_000;

interface Remembered {
  answer: Promise<boolean>;
  readAt: number;
  /** The generations it was read under (see `changed`). */
  document: number;
  user: number;
  everything: number;
}

/**
 * Whether a connection's person may change the document directly now, or
 * only suggest (core's `directEditAllowed`), remembered per connection so an
 * update costs no database read. The answer changes only when a review
 * opens or closes, the organisation's review settings change, or the
 * person's membership changes, and each of those is signalled: the signal
 * bumps a generation, and an answer read under an older one is read again.
 */
export function editRights(db: Database, now: () => number = Date.now) {
  const remembered = new WeakMap<Connection, Remembered>();
  const byDocument = new Map<string, number>();
  const byUser = new Map<string, number>();
  let everything = 0;
  const bump = (generations: Map<string, number>, key: string) =>
    generations.set(key, (generations.get(key) ?? 0) + 1);

  return {
    allowed(connection: Connection, userId: string, communicationId: string): Promise<boolean> {
      const current = {
        document: byDocument.get(communicationId) ?? 0,
        user: byUser.get(userId) ?? 0,
        everything,
      };
      const known = remembered.get(connection);
      if (
        known &&
        known.document === current.document &&
        known.user === current.user &&
        known.everything === current.everything &&
        now() - known.readAt < EDIT_RIGHTS_FALLBACK_MS
      )
        return known.answer;
      const answer = directEditAllowed(db, { userId, communicationId });
      // A failed read is not remembered: the next update asks again.
      answer.catch(() => {
        if (remembered.get(connection)?.answer === answer) remembered.delete(connection);
      });
      remembered.set(connection, { answer, readAt: now(), ...current });
      return answer;
    },
    /** A review of this communication opened or closed. */
    forgetDocument(communicationId: string) {
      bump(byDocument, communicationId);
    },
    /** This person's membership changed (roles, functions) or ended. */
    forgetUser(userId: string) {
      bump(byUser, userId);
    },
    /**
     * An organisation's review settings changed. Rare, so every answer is
     * read again rather than keeping which organisation each document is in.
     */
    forgetEverything() {
      everything++;
    },
  };
}

export type EditRights = ReturnType<typeof editRights>;
