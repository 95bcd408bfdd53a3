import type { Database } from "@conductor/db";
import { endAllSignInSessions } from "./end-all-sign-in-sessions";

export interface ExternalIdentity {
  provider: string;
  providerAccountId: string;
  email: string | null | undefined;
}

/**
 * Signs in through the company's identity provider. Only people who are
 * already members (matched by email) get in; the link is remembered.
 */
export async function signInWithIdentityProvider(db: Database, identity: ExternalIdentity) {
  const linked = await db.account.findUnique({
    where: {
      provider_providerAccountId: {
        provider: identity.provider,
        providerAccountId: identity.providerAccountId,
      },
    },
    include: { user: true },
  });
  if (linked) return { id: linked.user.id, email: linked.user.email, name: linked.user.name };
  if (!identity.email) return null;
  const user = await db.user.findUnique({
    where: { email: identity.email.toLowerCase() },
    include: { memberships: { select: { id: true }, take: 1 } },
  });
  if (!user || user.memberships.length === 0) return null;
  // The identity provider has just proved who owns this address. A password
  // on the account may have been chosen by someone else (whoever first held
  // an invitation link for it), so from now on the provider is the way in:
  // the password is dropped and every other sign-in ends.
  await db.$transaction(async (tx) => {
    await tx.account.create({
      data: {
        userId: user.id,
        provider: identity.provider,
        providerAccountId: identity.providerAccountId,
      },
    });
    await tx.user.update({ where: { id: user.id }, data: { passwordHash: null } });
    await endAllSignInSessions(tx, user.id);
  });
  return { id: user.id, email: user.email, name: user.name };
}
