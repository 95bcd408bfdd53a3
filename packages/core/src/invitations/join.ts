import type { Database } from "@conductor/db";
import { appendAuditEvent } from "../audit/append";
import { claimInvitation, type usableInvitation } from "./token";

type Tx = Parameters<Parameters<Database["$transaction"]>[0]>[0];

/**
 * The membership an accepted invitation makes, inside the accepting
 * transaction: the invitation is claimed first, so a link works once.
 */
export async function joinByInvitation(
  tx: Tx,
  invitation: Awaited<ReturnType<typeof usableInvitation>>,
  userId: string,
  now: Date,
) {
  await claimInvitation(tx, invitation.id, userId, now);
  const existing = await tx.membership.findUnique({
    where: { organizationId_userId: { organizationId: invitation.organizationId, userId } },
  });
  // Already a member (invited twice, say): the invitation is used, access unchanged.
  if (existing) return existing;
  const membership = await tx.membership.create({
    data: {
      organizationId: invitation.organizationId,
      userId,
      functions: invitation.functions,
      roles: invitation.roles,
    },
  });
  await appendAuditEvent(tx, {
    organizationId: invitation.organizationId,
    kind: "MEMBERSHIP_CHANGED",
    actorId: userId,
    payload: {
      change: "joined",
      invitationId: invitation.id,
      invitedById: invitation.invitedById,
      userId,
      email: invitation.email,
      functions: invitation.functions,
      roles: invitation.roles,
    },
  });
  return membership;
}
