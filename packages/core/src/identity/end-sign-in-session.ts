import type { Database } from "@conductor/db";

/** Signing out: the cookie naming this session no longer lets anyone in. */
export async function endSignInSession(db: Database, sessionId: string) {
  await db.signInSession.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}
