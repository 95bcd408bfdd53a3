import type { z } from "zod";
import type { UseCaseContext } from "../context";
import { authorizeMemberManagement } from "../members/store";
import type { organizationScopeSchema } from "../schemas";

/** The organisation's invitations nobody has accepted or withdrawn yet, expired ones too. */
export async function listInvitations(
  ctx: UseCaseContext,
  input: z.output<typeof organizationScopeSchema>,
) {
  authorizeMemberManagement(ctx, input.organizationId);
  const rows = await ctx.db.invitation.findMany({
    where: { organizationId: input.organizationId, acceptedAt: null, revokedAt: null },
    include: { invitedBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((row) => ({
    invitationId: row.id,
    email: row.email,
    functions: row.functions,
    roles: row.roles,
    invitedBy: row.invitedBy.name,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  }));
}
