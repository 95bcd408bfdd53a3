import type { MemberRole } from "@conductor/db";
import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import { authorizeInOrganization } from "../policies";

// What the membership use cases share: who may manage, the last-admin rule,
// and members as the list and the forms show them.

export interface MemberSummary {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  functions: string[];
  roles: MemberRole[];
  joinedAt: Date;
}

export async function membersOf(
  ctx: UseCaseContext,
  organizationId: string,
): Promise<MemberSummary[]> {
  const rows = await ctx.db.membership.findMany({
    where: { organizationId },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ user: { name: "asc" } }],
  });
  return rows.map((m) => ({
    membershipId: m.id,
    userId: m.user.id,
    name: m.user.name,
    email: m.user.email,
    functions: m.functions,
    roles: m.roles,
    joinedAt: m.createdAt,
  }));
}

/** Only admins change who belongs; returns the admin `authorize` proved. */
export function authorizeMemberManagement(ctx: UseCaseContext, organizationId: string) {
  return authorizeInOrganization(ctx, "member.manage", organizationId);
}

/** Refuses a change that would leave the organisation with nobody able to manage it. */
export async function assertAdminRemains(
  ctx: UseCaseContext,
  organizationId: string,
  membershipId: string,
  keepsAdmin: boolean,
) {
  if (keepsAdmin) return;
  const otherAdmins = await ctx.db.membership.count({
    where: { organizationId, id: { not: membershipId }, roles: { has: "ADMIN" } },
  });
  if (otherAdmins === 0) {
    throw new AppError("CONFLICT", "The organisation must keep at least one admin", {
      roles: "must leave at least one admin in the organisation",
    });
  }
}

export async function loadMembership(
  ctx: UseCaseContext,
  organizationId: string,
  membershipId: string,
) {
  const membership = await ctx.db.membership.findFirst({
    where: { id: membershipId, organizationId },
  });
  if (!membership) throw notFound("Member");
  return membership;
}
