import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import { reviewStagesSchema } from "../schemas";
import { decisionsOf, namedFrom, reviewerOf, stateOf } from "./store";
import { functionsAwaiting } from "./workflow";

/**
 * "My reviews": open reviews whose current stage a function of mine decides
 * (and that named me, where the owner named anyone), that I have not decided
 * on this version; overdue first, then by due time.
 */
export async function myReviews(ctx: UseCaseContext, organizationId: string) {
  const me = reviewerOf(authorizeInOrganization(ctx, "communication.list", organizationId));
  if (me.functions.length === 0) return [];
  const open = await ctx.db.review.findMany({
    where: { organizationId, status: "IN_REVIEW" },
    include: {
      communication: { select: { id: true, title: true, channel: true, reviewAssignments: true } },
      decisions: { where: { supersededAt: null, reviewerId: me.userId } },
    },
  });
  const now = Date.now();
  return open
    .flatMap((review) => {
      const stages = reviewStagesSchema.parse(review.stages);
      const stage = stages[review.stage];
      if (!stage) return [];
      const named = namedFrom(review.communication.reviewAssignments);
      const functions = functionsAwaiting(
        stateOf(review),
        stages,
        decisionsOf(review.decisions),
        me,
        named,
      );
      if (!functions.length) return [];
      return [
        {
          reviewId: review.id,
          communication: {
            id: review.communication.id,
            title: review.communication.title,
            channel: review.communication.channel,
          },
          stageName: stage.name,
          functions,
          dueAt: review.stageDueAt,
          overdue: review.stageDueAt ? review.stageDueAt.getTime() < now : false,
        },
      ];
    })
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity),
    );
}
