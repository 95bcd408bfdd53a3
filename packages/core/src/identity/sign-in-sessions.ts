import type { Database } from "@conductor/db";

// The server-side half of a sign-in. The session cookie is a signed JWT that
// names one of these rows; a request counts as signed in only while the row
// is neither revoked nor expired, so signing out ends the cookie too.

export async function startSignInSession(
  db: Database,
  input: { userId: string; maxAgeSeconds: number; userAgent?: string | null; now?: Date },
) {
  const now = input.now ?? new Date();
  const session = await db.signInSession.create({
    data: {
      userId: input.userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + input.maxAgeSeconds * 1000),
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    },
  });
  return session.id;
}

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

export async function endSignInSession(db: Database, sessionId: string) {
  await db.signInSession.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

/** Ends every live session of one person; returns how many were live. */
export async function endAllSignInSessions(db: Pick<Database, "signInSession">, userId: string) {
  const now = new Date();
  const { count } = await db.signInSession.updateMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    data: { revokedAt: now },
  });
  return count;
}
