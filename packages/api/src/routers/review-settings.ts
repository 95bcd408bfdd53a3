import { reviewSettings, saveReviewTemplate, updateReviewSettings } from "@conductor/core";
import { saveReviewTemplateSchema, updateReviewSettingsSchema } from "@conductor/core/schemas";
import { organizationQuery, useCaseMutation } from "../procedures";
import { protectedProcedure, router } from "../trpc";

export const reviewSettingsRouter = router({
  get: organizationQuery(reviewSettings),
  saveTemplate: useCaseMutation(saveReviewTemplateSchema, saveReviewTemplate),
  // Whether comms managers may edit during a review is one of these settings:
  // the collaboration servers forget their answers for the organisation.
  update: protectedProcedure.input(updateReviewSettingsSchema).mutation(async ({ ctx, input }) => {
    const settings = await updateReviewSettings(ctx, input);
    await ctx.collab.reviewChanged({ organizationId: input.organizationId, communicationId: null });
    return settings;
  }),
});
