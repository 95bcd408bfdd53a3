import { listBriefTemplates, updateBriefTemplate } from "@conductor/core";
import { organizationScopeSchema, updateBriefTemplateSchema } from "@conductor/core/schemas";
import { protectedProcedure, router } from "../trpc";

export const briefTemplatesRouter = router({
  list: protectedProcedure
    .input(organizationScopeSchema)
    .query(({ ctx, input }) => listBriefTemplates(ctx, input.organizationId)),
  update: protectedProcedure
    .input(updateBriefTemplateSchema)
    .mutation(({ ctx, input }) => updateBriefTemplate(ctx, input)),
});
