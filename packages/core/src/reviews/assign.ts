import type { ReviewFunction } from "@conductor/db/enums";
import { appendAuditEvent } from "../audit/append";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorizeCommunication } from "../policies";
import { namedReviewers } from "./store";

/** Names the reviewers for a function on one communication (the owner's choice), audited. */
export async function assignReviewers(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: { function: ReviewFunction; userIds: string[] },
) {
  const { actor } = authorizeCommunication(ctx, "review.assign", communication);
  const members = await ctx.db.membership.findMany({
    where: { organizationId: communication.organizationId, userId: { in: input.userIds } },
    select: { userId: true, functions: true },
  });
  for (const userId of input.userIds) {
    const member = members.find((m) => m.userId === userId);
    if (!member?.functions.includes(input.function))
      throw new AppError("INVALID_INPUT", `Only members of ${input.function} can be named for it`, {
        userIds: `${userId} is not in ${input.function}`,
      });
  }
  await ctx.db.$transaction(async (tx) => {
    const before = await tx.reviewAssignment.findMany({
      where: { communicationId: communication.id, function: input.function },
      select: { userId: true },
    });
    await tx.reviewAssignment.deleteMany({
      where: { communicationId: communication.id, function: input.function },
    });
    await tx.reviewAssignment.createMany({
      data: input.userIds.map((userId) => ({
        communicationId: communication.id,
        function: input.function,
        userId,
      })),
    });
    await appendAuditEvent(tx, {
      organizationId: communication.organizationId,
      kind: "REVIEWERS_ASSIGNED",
      actorId: actor.userId,
      communicationId: communication.id,
      payload: {
        function: input.function,
        from: before.map((a) => a.userId).sort(),
        to: [...new Set(input.userIds)].sort(),
      },
    });
  });
  return namedReviewers(ctx.db, communication.id);
}
