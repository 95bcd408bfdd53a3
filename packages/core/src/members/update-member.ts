import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import { notFound } from "../errors";
import type { updateMemberSchema } from "../schemas";
import { assertAdminRemains, authorizeMemberManagement, loadMembership, membersOf } from "./store";

export async function updateMember(
  ctx: UseCaseContext,
  input: z.output<typeof updateMemberSchema>,
) {
  const { actor } = authorizeMemberManagement(ctx, input.organizationId);
  const membership = await loadMembership(ctx, input.organizationId, input.membershipId);
  await assertAdminRemains(ctx, input.organizationId, membership.id, input.roles.includes("ADMIN"));
  await ctx.db.$transaction(async (tx) => {
    await tx.membership.update({
      where: { id: membership.id },
      data: { functions: input.functions, roles: input.roles },
    });
    await appendAuditEvent(tx, {
      organizationId: input.organizationId,
      kind: "MEMBERSHIP_CHANGED",
      actorId: actor.userId,
      payload: {
        change: "updated",
        userId: membership.userId,
        from: { functions: membership.functions, roles: membership.roles },
        to: { functions: input.functions, roles: input.roles },
      },
    });
  });
  const members = await membersOf(ctx, input.organizationId);
  const updated = members.find((m) => m.membershipId === membership.id);
  // Only a removal between the update and this read leaves it out.
  if (!updated) throw notFound("Member");
  return updated;
}
