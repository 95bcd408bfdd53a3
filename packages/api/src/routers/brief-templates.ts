import {
  createBriefTemplate,
  createBriefTemplateSchema,
  listBriefTemplates,
  updateBriefTemplate,
} from "@conductor/core";
import { organizationScopeSchema, updateBriefTemplateSchema } from "@conductor/core/schemas";
import { protectedProcedure, router } from "../trpc";

export const briefTemplatesRouter = router({
  list: protectedProcedure
    .input(organizationScopeSchema)
    .query(({ ctx, input }) => listBriefTemplates(ctx, input.organizationId)),
  create: protectedProcedure
    .input(createBriefTemplateSchema)
    .mutation(({ ctx, input }) => createBriefTemplate(ctx, input)),
  update: protectedProcedure
    .input(updateBriefTemplateSchema)
    .mutation(({ ctx, input }) => updateBriefTemplate(ctx, input)),
});
