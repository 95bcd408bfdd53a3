import type { z } from "zod";
import type { UseCaseContext } from "../context";
import type { updateReviewSettingsSchema } from "../schemas";
import { manage, reviewSettings } from "./settings";

/** The minimum score, whether self-approval is forbidden, and the reason codes. */
export async function updateReviewSettings(
  ctx: UseCaseContext,
  input: z.output<typeof updateReviewSettingsSchema>,
) {
  manage(ctx, input.organizationId);
  await ctx.db.organization.update({
    where: { id: input.organizationId },
    data: {
      minimumScore: input.minimumScore,
      forbidSelfApproval: input.forbidSelfApproval,
      reviewReasonCodes: input.reasonCodes,
    },
  });
  return reviewSettings(ctx, input.organizationId);
}
