import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import { changesBetween, hasChanges } from "../audit/changes";
import type { UseCaseContext } from "../context";
import { notFound } from "../errors";
import type { updateReviewSettingsSchema } from "../schemas";
import { manage, reviewSettings } from "./settings";

/**
 * The minimum score, whether self-approval is forbidden, the reason codes,
 * and whether comms managers may edit directly during a review (left as it
 * is when not given).
 */
export async function updateReviewSettings(
  ctx: UseCaseContext,
  input: z.output<typeof updateReviewSettingsSchema>,
) {
  const { actor } = manage(ctx, input.organizationId);
  await ctx.db.$transaction(async (tx) => {
    // Locked, so two saves at once each record the value they replaced.
    const [before] = await tx.$queryRaw<
      {
        minimumScore: number;
        forbidSelfApproval: boolean;
        reviewReasonCodes: string[];
        commsManagersEditDuringReview: boolean;
      }[]
    >`SELECT "minimumScore", "forbidSelfApproval", "reviewReasonCodes", "commsManagersEditDuringReview"
      FROM "Organization" WHERE id = ${input.organizationId} FOR UPDATE`;
    if (!before) throw notFound("Organisation");
    const commsManagersEditDuringReview =
      input.commsManagersEditDuringReview ?? before.commsManagersEditDuringReview;
    await tx.organization.update({
      where: { id: input.organizationId },
      data: {
        minimumScore: input.minimumScore,
        forbidSelfApproval: input.forbidSelfApproval,
        reviewReasonCodes: input.reasonCodes,
        commsManagersEditDuringReview,
      },
    });
    const changes = changesBetween(
      {
        minimumScore: before.minimumScore,
        forbidSelfApproval: before.forbidSelfApproval,
        reasonCodes: before.reviewReasonCodes,
        commsManagersEditDuringReview: before.commsManagersEditDuringReview,
      },
      {
        minimumScore: input.minimumScore,
        forbidSelfApproval: input.forbidSelfApproval,
        reasonCodes: input.reasonCodes,
        commsManagersEditDuringReview,
      },
      ["minimumScore", "forbidSelfApproval", "reasonCodes", "commsManagersEditDuringReview"],
    );
    if (hasChanges(changes))
      await appendAuditEvent(tx, {
        organizationId: input.organizationId,
        kind: "REVIEW_SETTINGS_CHANGED",
        actorId: actor.userId,
        payload: { setting: "reviewRules", changes },
      });
  });
  return reviewSettings(ctx, input.organizationId);
}
