import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import type { removeMemberSchema } from "../schemas";
import { assertAdminRemains, authorizeMemberManagement, loadMembership } from "./store";

export async function removeMember(
  ctx: UseCaseContext,
  input: z.output<typeof removeMemberSchema>,
) {
  const { actor } = authorizeMemberManagement(ctx, input.organizationId);
  const membership = await loadMembership(ctx, input.organizationId, input.membershipId);
  await assertAdminRemains(ctx, input.organizationId, membership.id, false);
  await ctx.db.$transaction(async (tx) => {
    await tx.membership.delete({ where: { id: membership.id } });
    await appendAuditEvent(tx, {
      organizationId: input.organizationId,
      kind: "MEMBERSHIP_CHANGED",
      actorId: actor.userId,
      payload: {
        change: "removed",
        userId: membership.userId,
        functions: membership.functions,
        roles: membership.roles,
      },
    });
  });
  return { membershipId: membership.id, userId: membership.userId };
}
