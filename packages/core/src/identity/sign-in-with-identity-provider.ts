import type { Database } from "@conductor/db";

export interface ExternalIdentity {
  provider: string;
  providerAccountId: string;
  email: string | null | undefined;
}

/**
 * Signs in through the company's identity provider. Only people an admin has
 * already added (matched by email) get in; the link is remembered.
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
  await db.account.create({
    data: {
      userId: user.id,
      provider: identity.provider,
      providerAccountId: identity.providerAccountId,
    },
  });
  return { id: user.id, email: user.email, name: user.name };
}
