import type { Prisma } from "@conductor/db";
import type { z } from "zod";
import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import { reviewStagesSchema, type saveReviewTemplateSchema } from "../schemas";
import { manage } from "./settings";

/**
 * Saves a review template's stages (new or existing) and, if asked, makes it
 * the default. Reviews already submitted keep the stages they were copied.
 */
export async function saveReviewTemplate(
  ctx: UseCaseContext,
  input: z.output<typeof saveReviewTemplateSchema>,
) {
  manage(ctx, input.organizationId);
  const stages = input.stages as unknown as Prisma.InputJsonValue;
  const taken = await ctx.db.reviewTemplate.findFirst({
    where: {
      organizationId: input.organizationId,
      name: input.name,
      ...(input.templateId ? { id: { not: input.templateId } } : {}),
    },
    select: { id: true },
  });
  if (taken)
    throw new AppError("CONFLICT", "Another review template already has this name", {
      name: "Another review template already has this name",
    });
  return ctx.db.$transaction(async (tx) => {
    if (input.templateId) {
      const existing = await tx.reviewTemplate.findFirst({
        where: { id: input.templateId, organizationId: input.organizationId },
      });
      if (!existing) throw notFound("Review template");
    }
    if (input.makeDefault)
      await tx.reviewTemplate.updateMany({
        where: { organizationId: input.organizationId },
        data: { isDefault: false },
      });
    const saved = input.templateId
      ? await tx.reviewTemplate.update({
          where: { id: input.templateId },
          data: { name: input.name, stages, ...(input.makeDefault ? { isDefault: true } : {}) },
        })
      : await tx.reviewTemplate.create({
          data: {
            organizationId: input.organizationId,
            name: input.name,
            stages,
            isDefault: input.makeDefault,
          },
        });
    return { ...saved, stages: reviewStagesSchema.parse(saved.stages) };
  });
}
