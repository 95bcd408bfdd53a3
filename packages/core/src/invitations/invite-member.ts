import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorizeMemberManagement } from "../members/store";
import type { addMemberSchema } from "../schemas";
import { INVITATION_DAYS, newInvitationToken } from "./token";

/**
 * An admin invites an email address to the organisation. Nothing about any
 * account behind that address is read or changed: the answer is the same
 * whether or not one exists, and the person joins only by accepting (see
 * accept-invitation.ts and join-with-new-account.ts). The link's token is
 * returned once, for the admin to pass on; only its hash is kept.
 */
export async function inviteMember(
  ctx: UseCaseContext,
  input: z.output<typeof addMemberSchema>,
  now = new Date(),
) {
  const { actor } = authorizeMemberManagement(ctx, input.organizationId);
  // Membership of one's own organisation is the admin's to know.
  const member = await ctx.db.membership.findFirst({
    where: { organizationId: input.organizationId, user: { email: input.email } },
    select: { id: true },
  });
  if (member) {
    throw new AppError("CONFLICT", `${input.email} is already a member`, {
      email: "is already a member",
    });
  }
  const { token, tokenHash } = newInvitationToken();
  const invitation = await ctx.db.$transaction(async (tx) => {
    // One live invitation per address: a new one replaces the old link.
    await tx.invitation.updateMany({
      where: {
        organizationId: input.organizationId,
        email: input.email,
        acceptedAt: null,
        revokedAt: null,
      },
      data: { revokedAt: now },
    });
    const created = await tx.invitation.create({
      data: {
        organizationId: input.organizationId,
        email: input.email,
        functions: input.functions,
        roles: input.roles,
        invitedById: actor.userId,
        tokenHash,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
        createdAt: now,
      },
    });
    await appendAuditEvent(tx, {
      organizationId: input.organizationId,
      kind: "MEMBERSHIP_CHANGED",
      actorId: actor.userId,
      payload: {
        change: "invited",
        invitationId: created.id,
        email: input.email,
        functions: input.functions,
        roles: input.roles,
      },
    });
    return created;
  });
  return {
    invitationId: invitation.id,
    email: invitation.email,
    functions: invitation.functions,
    roles: invitation.roles,
    expiresAt: invitation.expiresAt,
    /** Shown once: the path of the link is /invitations/<token>. */
    token,
  };
}
