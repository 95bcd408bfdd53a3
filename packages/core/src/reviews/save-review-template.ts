import type { Prisma } from "@conductor/db";
import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import { reviewStagesSchema, type saveReviewTemplateSchema } from "../schemas";
import { canonicalJson } from "../versions/canonical";
import { manage } from "./settings";

/**
 * Saves a review template's stages (new or existing) and, if asked, makes it
 * the default. Reviews already submitted keep the stages they were copied.
 */
export async function saveReviewTemplate(
  ctx: UseCaseContext,
  input: z.output<typeof saveReviewTemplateSchema>,
) {
  const { actor } = manage(ctx, input.organizationId);
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
    const existing = input.templateId
      ? await tx.reviewTemplate.findFirst({
          where: { id: input.templateId, organizationId: input.organizationId },
        })
      : null;
    if (input.templateId && !existing) throw notFound("Review template");
    const previousDefault = input.makeDefault
      ? await tx.reviewTemplate.findFirst({
          where: { organizationId: input.organizationId, isDefault: true },
          select: { id: true, name: true },
        })
      : null;
    if (input.makeDefault)
      await tx.reviewTemplate.updateMany({
        where: { organizationId: input.organizationId },
        data: { isDefault: false },
      });
    const saved = existing
      ? await tx.reviewTemplate.update({
          where: { id: existing.id },
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
    const from = existing
      ? { name: existing.name, stages: reviewStagesSchema.parse(existing.stages) }
      : null;
    const to = { name: saved.name, stages: reviewStagesSchema.parse(saved.stages) };
    const entry = { organizationId: input.organizationId, actorId: actor.userId };
    if (!from || canonicalJson(from) !== canonicalJson(to))
      await appendAuditEvent(tx, {
        ...entry,
        kind: "REVIEW_SETTINGS_CHANGED",
        payload: { setting: "template", templateId: saved.id, from, to },
      });
    if (input.makeDefault && previousDefault?.id !== saved.id)
      await appendAuditEvent(tx, {
        ...entry,
        kind: "REVIEW_SETTINGS_CHANGED",
        payload: {
          setting: "defaultTemplate",
          from: previousDefault && { templateId: previousDefault.id, name: previousDefault.name },
          to: { templateId: saved.id, name: saved.name },
        },
      });
    return { ...saved, stages: to.stages };
  });
}
