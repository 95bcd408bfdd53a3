import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { authorizeCommunication } from "../policies";
import type { withdrawReviewSchema } from "../schemas";
import { communicationStatus, lockReview, stateOf, step } from "./store";
import { withdraw } from "./workflow";

/**
 * The owner (or a comms manager) withdraws a review that is not yet closed:
 * it stops taking decisions, leaves the inbox, and the communication goes
 * back to draft. The reason is kept on the review and in the audit trail.
 */
export async function withdrawReview(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof withdrawReviewSchema>,
) {
  const { actor } = authorizeCommunication(ctx, "review.submit", communication);
  return ctx.db.$transaction(async (tx) => {
    const review = await lockReview(tx, communication, input.reviewId);
    const next = step(() => withdraw(stateOf(review)));
    const updated = await tx.review.update({
      where: { id: review.id },
      data: { status: next.status, stageDueAt: null, withdrawnReason: input.reason },
    });
    await tx.communication.update({
      where: { id: communication.id },
      data: { status: communicationStatus.WITHDRAWN },
    });
    await appendAuditEvent(tx, {
      organizationId: communication.organizationId,
      kind: "WITHDRAWN",
      actorId: actor.userId,
      communicationId: communication.id,
      payload: {
        reviewId: review.id,
        versionHash: review.versionHash,
        fromStatus: review.status,
        reason: input.reason,
      },
    });
    return updated;
  });
}
