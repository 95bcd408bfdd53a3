import type { Database } from "@conductor/db";
import { usableInvitation } from "./token";

/**
 * What the invitation page shows to whoever holds the link: the
 * organisation and the address invited, nothing about any account.
 */
export async function describeInvitation(db: Database, token: string) {
  const invitation = await usableInvitation(db, token);
  return {
    organizationName: invitation.organization.name,
    email: invitation.email,
    expiresAt: invitation.expiresAt,
  };
}
