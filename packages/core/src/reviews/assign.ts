import type { ReviewFunction } from "@conductor/db/enums";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorize } from "../policies";
import { communicationResource, namedReviewers } from "./store";

/** Names a reviewer for a function on one communication (the owner's choice). */
export async function assignReviewers(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: { function: ReviewFunction; userIds: string[] },
) {
  authorize(ctx.actor, "review.assign", communicationResource(communication), "Communication");
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
  await ctx.db.$transaction([
    ctx.db.reviewAssignment.deleteMany({
      where: { communicationId: communication.id, function: input.function },
    }),
    ctx.db.reviewAssignment.createMany({
      data: input.userIds.map((userId) => ({
        communicationId: communication.id,
        function: input.function,
        userId,
      })),
    }),
  ]);
  return namedReviewers(ctx.db, communication.id);
}
