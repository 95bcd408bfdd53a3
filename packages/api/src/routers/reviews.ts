import {
  approvalCertificate,
  assignReviewers,
  correctRelease,
  currentReview,
  decideReview,
  myReviews,
  releaseReview,
  submitForReview,
  withdrawReview,
} from "@conductor/core";
import {
  assignReviewersSchema,
  certificateSchema,
  correctReleaseSchema,
  decideSchema,
  releaseSchema,
  submitForReviewSchema,
  withdrawReviewSchema,
} from "@conductor/core/schemas";
import { organizationQuery } from "../procedures";
import { communicationProcedure, router } from "../trpc";

/**
 * A change to a communication's review: once it has committed, open screens
 * in the organisation (its Review tab, "My reviews", the list's status,
 * notifications) are told to refetch, and the collaboration servers forget
 * who may edit its text directly (a review open means suggestions only). A
 * refused change announces nothing.
 */
const reviewChange = communicationProcedure.use(async ({ ctx, next }) => {
  const result = await next();
  if (result.ok) {
    const change = {
      organizationId: ctx.communication.organizationId,
      communicationId: ctx.communication.id,
    };
    await ctx.collab.reviewChanged(change);
    await ctx.live.publish({ kind: "review", ...change });
  }
  return result;
});

export const reviewsRouter = router({
  current: communicationProcedure.query(({ ctx }) => currentReview(ctx, ctx.communication)),
  submit: reviewChange
    .input(submitForReviewSchema)
    .mutation(({ ctx, input }) => submitForReview(ctx, ctx.communication, input)),
  decide: reviewChange
    .input(decideSchema)
    .mutation(({ ctx, input }) => decideReview(ctx, ctx.communication, input)),
  release: reviewChange
    .input(releaseSchema)
    .mutation(({ ctx, input }) => releaseReview(ctx, ctx.communication, input)),
  /** Corrects a recorded release's send dates, recipients or campaign id, with a reason. */
  correctRelease: reviewChange
    .input(correctReleaseSchema)
    .mutation(({ ctx, input }) => correctRelease(ctx, ctx.communication, input)),
  withdraw: reviewChange
    .input(withdrawReviewSchema)
    .mutation(({ ctx, input }) => withdrawReview(ctx, ctx.communication, input)),
  assign: reviewChange
    .input(assignReviewersSchema)
    .mutation(({ ctx, input }) => assignReviewers(ctx, ctx.communication, input)),
  certificate: communicationProcedure
    .input(certificateSchema)
    .query(({ ctx, input }) => approvalCertificate(ctx, ctx.communication, input.reviewId)),
  mine: organizationQuery(myReviews),
});
