import type { Database } from "@conductor/db";

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
