import type { UseCaseContext } from "../context";
import { AppError } from "../errors";

/**
 * Invitations waiting for the signed-in person's address, for the banner in
 * their app. Accepting still takes the link the inviting admin sent: the
 * banner tells them where to look, it is not itself a way in.
 */
export async function myInvitations(ctx: UseCaseContext, now = new Date()) {
  if (!ctx.actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  const joined = ctx.actor.memberships.map((m) => m.organizationId);
  const rows = await ctx.db.invitation.findMany({
    where: {
      email: ctx.actor.email.toLowerCase(),
      acceptedAt: null,
      revokedAt: null,
      expiresAt: { gt: now },
      organizationId: { notIn: joined },
    },
    include: {
      organization: { select: { name: true } },
      invitedBy: { select: { name: true } },
    },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((row) => ({
    invitationId: row.id,
    organizationName: row.organization.name,
    invitedBy: row.invitedBy.name,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  }));
}
