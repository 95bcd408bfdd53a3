import { hashPassword } from "@conductor/db";
import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import type { addMemberSchema } from "../schemas";
import { authorizeMemberManagement, membersOf } from "./store";

export async function addMember(ctx: UseCaseContext, input: z.output<typeof addMemberSchema>) {
  const { actor } = authorizeMemberManagement(ctx, input.organizationId);
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
      actorId: actor.userId,
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
