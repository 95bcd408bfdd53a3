import type { Prisma } from "@conductor/db";
import type { z } from "zod";
import type { UseCaseContext } from "../context";
import { authorize } from "../policies";
import type { updateBriefTemplateSchema } from "../schemas";
import { loadBriefTemplate, scope } from "./templates";

/** Changes a template's description or content; communications already started keep their brief. */
export async function updateBriefTemplate(
  ctx: UseCaseContext,
  input: z.output<typeof updateBriefTemplateSchema>,
) {
  authorize(ctx.actor, "briefTemplate.manage", scope(input.organizationId), "Organisation");
  await loadBriefTemplate(ctx, input.organizationId, input.templateId);
  await ctx.db.briefTemplate.update({
    where: { id: input.templateId },
    data: {
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.content ? { content: input.content as Prisma.InputJsonValue } : {}),
    },
  });
  return loadBriefTemplate(ctx, input.organizationId, input.templateId);
}
