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

export const reviewsRouter = router({
  current: communicationProcedure.query(({ ctx }) => currentReview(ctx, ctx.communication)),
  submit: communicationProcedure
    .input(submitForReviewSchema)
    .mutation(({ ctx, input }) => submitForReview(ctx, ctx.communication, input)),
  decide: communicationProcedure
    .input(decideSchema)
    .mutation(({ ctx, input }) => decideReview(ctx, ctx.communication, input)),
  release: communicationProcedure
    .input(releaseSchema)
    .mutation(({ ctx, input }) => releaseReview(ctx, ctx.communication, input)),
  /** Corrects a recorded release's send dates, recipients or campaign id, with a reason. */
  correctRelease: communicationProcedure
    .input(correctReleaseSchema)
    .mutation(({ ctx, input }) => correctRelease(ctx, ctx.communication, input)),
  withdraw: communicationProcedure
    .input(withdrawReviewSchema)
    .mutation(({ ctx, input }) => withdrawReview(ctx, ctx.communication, input)),
  assign: communicationProcedure
    .input(assignReviewersSchema)
    .mutation(({ ctx, input }) => assignReviewers(ctx, ctx.communication, input)),
  certificate: communicationProcedure
    .input(certificateSchema)
    .query(({ ctx, input }) => approvalCertificate(ctx, ctx.communication, input.reviewId)),
  mine: organizationQuery(myReviews),
});
