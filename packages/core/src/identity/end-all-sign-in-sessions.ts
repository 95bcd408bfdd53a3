import type { Database } from "@conductor/db";

/** Ends every live session of one person; returns how many were live. */
export async function endAllSignInSessions(db: Pick<Database, "signInSession">, userId: string) {
  const now = new Date();
  const { count } = await db.signInSession.updateMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    data: { revokedAt: now },
  });
  return count;
}
