import { reviewSettings, saveReviewTemplate, updateReviewSettings } from "@conductor/core";
import { saveReviewTemplateSchema, updateReviewSettingsSchema } from "@conductor/core/schemas";
import { organizationQuery, useCaseMutation } from "../procedures";
import { router } from "../trpc";

export const reviewSettingsRouter = router({
  get: organizationQuery(reviewSettings),
  saveTemplate: useCaseMutation(saveReviewTemplateSchema, saveReviewTemplate),
  update: useCaseMutation(updateReviewSettingsSchema, updateReviewSettings),
});
