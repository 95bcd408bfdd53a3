import type { Database } from "@conductor/db";
import { type Actor, actorFrom, actorSelect } from "../actor";

// The server-side half of a sign-in. The session cookie is a signed JWT that
// names one of these rows; a request counts as signed in only while the row
// is neither revoked nor expired, so signing out ends the cookie too.

/** Whether the session still lets its user in. */
export async function isSignInSessionActive(
  db: Database,
  input: { sessionId: string; userId: string; now?: Date },
) {
  const session = await db.signInSession.findFirst({
    where: {
      id: input.sessionId,
      userId: input.userId,
      revokedAt: null,
      expiresAt: { gt: input.now ?? new Date() },
    },
    select: { id: true },
  });
  return session !== null;
}

/**
 * The person a live session lets in, read fresh with every membership: what
 * isSignInSessionActive and loadActor answer together, in one statement,
 * because every signed-in request asks both (the list under 50 clients spent
 * a quarter of its database time in the second round trip). Null when the
 * session is revoked, expired, someone else's or unknown.
 */
export async function loadSignedInActor(
  db: Database,
  input: { sessionId: string; userId: string; now?: Date },
): Promise<Actor | null> {
  const session = await db.signInSession.findFirst({
    where: {
      id: input.sessionId,
      userId: input.userId,
      revokedAt: null,
      expiresAt: { gt: input.now ?? new Date() },
    },
    select: { user: { select: actorSelect } },
  });
  return session ? actorFrom(session.user) : null;
}
