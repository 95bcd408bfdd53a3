import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { authorizeCommunication, can } from "../policies";
import { reviewStagesSchema } from "../schemas";
import { communicationResource, decisionsOf, namedReviewers, reviewerOf, stateOf } from "./store";
import { functionsAwaiting } from "./workflow";

/**
 * The communication's newest review, with its stages and every decision
 * (superseded ones marked), and what the reader may do: submit, release,
 * or decide for which functions in the current stage.
 */
export async function currentReview(ctx: UseCaseContext, communication: LoadedCommunication) {
  const organization = await ctx.db.organization.findUniqueOrThrow({
    where: { id: communication.organizationId },
    select: { reviewReasonCodes: true, minimumScore: true },
  });
  const resource = communicationResource(communication);
  // The procedure has loaded the communication for this reader already; this
  // names who they are in its organisation.
  const me = reviewerOf(authorizeCommunication(ctx, "communication.read", communication));
  const row = await ctx.db.review.findFirst({
    where: { communicationId: communication.id },
    orderBy: { createdAt: "desc" },
    include: {
      decisions: {
        orderBy: { createdAt: "asc" },
        include: { reviewer: { select: { id: true, name: true } } },
      },
      version: { select: { number: true, name: true } },
      release: true,
    },
  });
  const releasedBy = row?.release?.releasedById
    ? await ctx.db.user.findUnique({
        where: { id: row.release.releasedById },
        select: { name: true },
      })
    : null;
  const releasedByToken = row?.release?.releasedByTokenId
    ? await ctx.db.releaseToken.findUnique({
        where: { id: row.release.releasedByTokenId },
        select: { name: true },
      })
    : null;
  const review = row
    ? {
        ...row,
        stages: reviewStagesSchema.parse(row.stages),
        release: row.release
          ? {
              ...row.release,
              releasedByName:
                releasedBy?.name ??
                (releasedByToken ? `${releasedByToken.name} (sending system)` : ""),
            }
          : null,
      }
    : null;
  const named = await namedReviewers(ctx.db, communication.id);
  const mayOwn = can(ctx.actor, "review.submit", resource);
  // The templates a new review may follow, the default first.
  const templates = mayOwn
    ? await ctx.db.reviewTemplate.findMany({
        where: { organizationId: communication.organizationId },
        select: { id: true, name: true, isDefault: true },
        orderBy: [{ isDefault: "desc" }, { name: "asc" }],
      })
    : [];
  const decideAs = review
    ? functionsAwaiting(stateOf(review), review.stages, decisionsOf(review.decisions), me, named)
    : [];
  return {
    review,
    named,
    reasonCodes: organization.reviewReasonCodes,
    minimumScore: organization.minimumScore,
    templates,
    can: {
      submit: mayOwn,
      withdraw:
        mayOwn &&
        (review?.status === "IN_REVIEW" ||
          review?.status === "CHANGES_REQUESTED" ||
          review?.status === "APPROVED"),
      release: review?.status === "APPROVED" && can(ctx.actor, "review.release", resource),
      correctRelease: Boolean(review?.release) && can(ctx.actor, "release.correct", resource),
      decideAs,
      mapCallReasons: can(ctx.actor, "calls.mapCommunication", resource),
    },
  };
}
