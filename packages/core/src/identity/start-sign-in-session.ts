import type { Database } from "@conductor/db";

/** Records a new sign-in; its id goes into the session cookie (see sign-in-sessions.ts). */
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
