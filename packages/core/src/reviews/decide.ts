import type { Prisma } from "@conductor/db";
import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { functionLabels } from "../labels";
import { authorizeCommunication } from "../policies";
import { type decideSchema, reviewStagesSchema } from "../schemas";
import { liveSuggestions } from "../suggestions/live-suggestions";
import { notifyPeople, stageRecipients } from "./review-notifications";
import {
  communicationStatus,
  decisionsOf,
  lockReview,
  namedReviewers,
  reviewerOf,
  stateOf,
  step,
} from "./store";
import { addBusinessDays, decide, type ReviewPolicy, type StageRule } from "./workflow";

/**
 * One reviewer's decision on the version under review, in its current stage.
 * The review row is locked for the transaction, so two reviewers deciding at
 * once, or a decision racing a new submission, apply one after the other on
 * fresh state; a unique index stops a decision counting twice regardless.
 *
 * Pending suggestions in the live document ride along: approving while the
 * stage's function still has some is refused unless the reviewer approves
 * "with changes" (recorded with those suggestions), since an approval of the
 * text as it stands beside proposals to change it should say so; a request
 * for changes carries the reviewer's own, which the owner sees grouped
 * under it.
 */
export async function decideReview(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof decideSchema>,
) {
  const authorized = authorizeCommunication(ctx, "review.decide", communication);
  const organization = await ctx.db.organization.findUniqueOrThrow({
    where: { id: communication.organizationId },
    select: { forbidSelfApproval: true, reviewReasonCodes: true },
  });
  if (input.reasonCode && !organization.reviewReasonCodes.includes(input.reasonCode))
    throw new AppError("INVALID_INPUT", `Unknown reason "${input.reasonCode}"`, {
      reasonCode: `Choose one of: ${organization.reviewReasonCodes.join(", ")}`,
    });
  const reviewer = reviewerOf(authorized);
  // Read outside the transaction: the document is not what the review lock guards.
  const pending = await liveSuggestions(ctx.db, communication.id);
  return ctx.db.$transaction(async (tx) => {
    const review = await lockReview(tx, communication, input.reviewId);
    const stages = reviewStagesSchema.parse(review.stages) as StageRule[];
    const decisions = decisionsOf(
      await tx.reviewDecision.findMany({ where: { reviewId: review.id } }),
    );
    const policy: ReviewPolicy = {
      named: await namedReviewers(tx, communication.id),
      forbidSelfApproval: organization.forbidSelfApproval,
    };
    const result = step(() =>
      decide(
        stateOf(review),
        stages,
        decisions,
        {
          reviewer,
          function: input.function,
          kind: input.kind,
          reasonCode: input.reasonCode ?? null,
          versionHash: input.versionHash,
        },
        policy,
      ),
    );
    const fn = result.decision.function;
    const approving = input.kind === "APPROVE" || input.kind === "APPROVE_WITH_COMMENTS";
    const carried = approving
      ? pending.filter((s) => s.authorFunction === fn)
      : input.kind === "REQUEST_CHANGES"
        ? pending.filter((s) => s.authorId === reviewer.userId)
        : [];
    if (approving && carried.length > 0 && !input.withChanges)
      throw new AppError(
        "CONFLICT",
        `${functionLabels[fn]} has ${carried.length === 1 ? "a pending suggestion" : `${carried.length} pending suggestions`} on this message: withdraw ${carried.length === 1 ? "it" : "them"}, or approve with changes`,
        undefined,
        "PENDING_SUGGESTIONS",
      );
    const withChanges = approving && carried.length > 0;
    const decision = await tx.reviewDecision
      .create({
        data: {
          reviewId: review.id,
          stage: result.decision.stage,
          function: result.decision.function,
          reviewerId: reviewer.userId,
          kind: input.kind,
          reasonCode: input.reasonCode ?? null,
          comment: input.comment,
          versionHash: review.versionHash,
          withChanges,
          suggestions: carried as unknown as Prisma.InputJsonValue,
        },
      })
      .catch((error: { code?: string }) => {
        // The partial unique index: a live decision counts once, whatever the timing.
        if (error.code === "P2002")
          throw new AppError(
            "CONFLICT",
            "You have already decided on this version",
            undefined,
            "ALREADY_DECIDED",
          );
        throw error;
      });
    const advanced = result.state.stage !== review.stage;
    // Past the last stage there is none: the review is approved.
    const nextStage = stages[result.state.stage];
    const updated = await tx.review.update({
      where: { id: review.id },
      data: {
        status: result.state.status,
        stage: result.state.stage,
        ...(advanced
          ? {
              stageDueAt: nextStage ? addBusinessDays(new Date(), nextStage.dueBusinessDays) : null,
            }
          : {}),
      },
    });
    await tx.communication.update({
      where: { id: communication.id },
      data: { status: communicationStatus[result.state.status] },
    });
    const about = {
      organizationId: communication.organizationId,
      communicationId: communication.id,
      actorId: reviewer.userId,
      actorName: authorized.actor.name,
    };
    if (input.kind === "REQUEST_CHANGES" || input.kind === "REJECT")
      await notifyPeople(tx, [communication.ownerId, review.submittedById], "CHANGES_REQUESTED", {
        ...about,
        excerpt: `${communication.title}: ${input.kind === "REJECT" ? "rejected" : "changes requested"} (${input.reasonCode})${input.comment ? ` — ${input.comment}` : ""}${carried.length ? ` · with ${carried.length === 1 ? "a suggestion" : `${carried.length} suggestions`} in the text` : ""}`,
      });
    else if (result.state.status === "APPROVED")
      await notifyPeople(
        tx,
        { userIds: [communication.ownerId], commsManagers: true },
        "REVIEW_APPROVED",
        { ...about, excerpt: `${communication.title}: every stage approved; ready to release` },
      );
    else if (advanced && nextStage)
      await notifyPeople(tx, stageRecipients(nextStage, policy.named), "REVIEW_WAITING", {
        ...about,
        excerpt: `${communication.title}: now waiting on “${nextStage.name}”`,
      });
    await appendAuditEvent(tx, {
      organizationId: communication.organizationId,
      kind: "DECIDED",
      actorId: reviewer.userId,
      communicationId: communication.id,
      payload: {
        reviewId: review.id,
        decisionId: decision.id,
        stage: decision.stage,
        function: decision.function,
        kind: decision.kind,
        reasonCode: decision.reasonCode,
        versionHash: decision.versionHash,
        statusAfter: updated.status,
        stageAfter: updated.stage,
        withChanges,
        suggestions: carried,
      },
    });
    return { review: updated, decision };
  });
}
