import {
  createBriefTemplate,
  createBriefTemplateSchema,
  listBriefTemplates,
  updateBriefTemplate,
} from "@conductor/core";
import { updateBriefTemplateSchema } from "@conductor/core/schemas";
import { organizationQuery, useCaseMutation } from "../procedures";
import { router } from "../trpc";

export const briefTemplatesRouter = router({
  list: organizationQuery(listBriefTemplates),
  create: useCaseMutation(createBriefTemplateSchema, createBriefTemplate),
  update: useCaseMutation(updateBriefTemplateSchema, updateBriefTemplate),
});
