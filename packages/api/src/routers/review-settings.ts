import { reviewSettings, saveReviewTemplate, updateReviewSettings } from "@conductor/core";
import {
  organizationScopeSchema,
  saveReviewTemplateSchema,
  updateReviewSettingsSchema,
} from "@conductor/core/schemas";
import { protectedProcedure, router } from "../trpc";

export const reviewSettingsRouter = router({
  get: protectedProcedure
    .input(organizationScopeSchema)
    .query(({ ctx, input }) => reviewSettings(ctx, input.organizationId)),
  saveTemplate: protectedProcedure
    .input(saveReviewTemplateSchema)
    .mutation(({ ctx, input }) => saveReviewTemplate(ctx, input)),
  update: protectedProcedure
    .input(updateReviewSettingsSchema)
    .mutation(({ ctx, input }) => updateReviewSettings(ctx, input)),
});
