import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import { notFound } from "../errors";
import { authorizeMemberManagement } from "../members/store";
import type { revokeInvitationSchema } from "../schemas";

/** An admin withdraws an invitation: its link stops working at once. */
export async function revokeInvitation(
  ctx: UseCaseContext,
  input: z.output<typeof revokeInvitationSchema>,
) {
  const { actor } = authorizeMemberManagement(ctx, input.organizationId);
  return ctx.db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findFirst({
      where: {
        id: input.invitationId,
        organizationId: input.organizationId,
        acceptedAt: null,
        revokedAt: null,
      },
    });
    if (!invitation) throw notFound("Invitation");
    await tx.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
    await appendAuditEvent(tx, {
      organizationId: input.organizationId,
      kind: "MEMBERSHIP_CHANGED",
      actorId: actor.userId,
      payload: {
        change: "invitation-withdrawn",
        invitationId: invitation.id,
        email: invitation.email,
      },
    });
    return { invitationId: invitation.id };
  });
}
