import { hashPassword, type MemberRole } from "@conductor/db";
import type { z } from "zod";
import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import { authorize } from "../policies";
import type {
  addMemberSchema,
  organizationScopeSchema,
  removeMemberSchema,
  updateMemberSchema,
} from "../schemas";
import { appendAuditEvent } from "../audit/audit";

export interface MemberSummary {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  functions: string[];
  roles: MemberRole[];
  joinedAt: Date;
}

async function membersOf(ctx: UseCaseContext, organizationId: string): Promise<MemberSummary[]> {
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

export async function listMembers(
  ctx: UseCaseContext,
  input: z.output<typeof organizationScopeSchema>,
) {
  authorize(
    ctx.actor,
    "member.list",
    { kind: "organization", organizationId: input.organizationId },
    "Organisation",
  );
  return membersOf(ctx, input.organizationId);
}

function authorizeMemberManagement(ctx: UseCaseContext, organizationId: string) {
  authorize(ctx.actor, "member.manage", { kind: "organization", organizationId }, "Organisation");
}

export async function addMember(ctx: UseCaseContext, input: z.output<typeof addMemberSchema>) {
  authorizeMemberManagement(ctx, input.organizationId);
  const existing = await ctx.db.user.findUnique({
    where: { email: input.email },
    include: { memberships: { where: { organizationId: input.organizationId } } },
  });
  if (existing?.memberships.length) {
    throw new AppError("CONFLICT", `${input.email} is already a member`, {
      email: "is already a member",
    });
  }
  if (!existing && !input.initialPassword) {
    throw new AppError("INVALID_INPUT", "A new person needs an initial password", {
      initialPassword: "is required for someone without an account",
    });
  }
  const passwordHash = input.initialPassword ? await hashPassword(input.initialPassword) : null;
  const membership = await ctx.db.$transaction(async (tx) => {
    const user =
      existing ??
      (await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } }));
    const created = await tx.membership.create({
      data: {
        organizationId: input.organizationId,
        userId: user.id,
        functions: input.functions,
        roles: input.roles,
      },
    });
    await appendAuditEvent(tx, {
      organizationId: input.organizationId,
      kind: "MEMBERSHIP_CHANGED",
      actorId: ctx.actor!.userId,
      payload: {
        change: "added",
        userId: user.id,
        email: input.email,
        functions: input.functions,
        roles: input.roles,
      },
    });
    return created;
  });
  const members = await membersOf(ctx, input.organizationId);
  return members.find((m) => m.membershipId === membership.id)!;
}

/** Refuses a change that would leave the organisation with nobody able to manage it. */
async function assertAdminRemains(
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

async function loadMembership(ctx: UseCaseContext, organizationId: string, membershipId: string) {
  const membership = await ctx.db.membership.findFirst({
    where: { id: membershipId, organizationId },
  });
  if (!membership) throw notFound("Member");
  return membership;
}

export async function updateMember(
  ctx: UseCaseContext,
  input: z.output<typeof updateMemberSchema>,
) {
  authorizeMemberManagement(ctx, input.organizationId);
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
      actorId: ctx.actor!.userId,
      payload: {
        change: "updated",
        userId: membership.userId,
        from: { functions: membership.functions, roles: membership.roles },
        to: { functions: input.functions, roles: input.roles },
      },
    });
  });
  const members = await membersOf(ctx, input.organizationId);
  return members.find((m) => m.membershipId === membership.id)!;
}

export async function removeMember(
  ctx: UseCaseContext,
  input: z.output<typeof removeMemberSchema>,
) {
  authorizeMemberManagement(ctx, input.organizationId);
  const membership = await loadMembership(ctx, input.organizationId, input.membershipId);
  await assertAdminRemains(ctx, input.organizationId, membership.id, false);
  await ctx.db.$transaction(async (tx) => {
    await tx.membership.delete({ where: { id: membership.id } });
    await appendAuditEvent(tx, {
      organizationId: input.organizationId,
      kind: "MEMBERSHIP_CHANGED",
      actorId: ctx.actor!.userId,
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
