import type { Prisma } from "@conductor/db";
import type { z } from "zod";
import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import { authorize } from "../policies";
import {
  reviewStagesSchema,
  type saveReviewTemplateSchema,
  type updateReviewSettingsSchema,
} from "../schemas";
import { ensureDefaultTemplate } from "./reviews";

/** The organisation's review set-up: templates (the default first) and the review rules. */
export async function reviewSettings(ctx: UseCaseContext, organizationId: string) {
  authorize(
    ctx.actor,
    "organization.read",
    { kind: "organization", organizationId },
    "Organisation",
  );
  await ensureDefaultTemplate(ctx.db, organizationId);
  const [organization, templates] = await Promise.all([
    ctx.db.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { minimumScore: true, forbidSelfApproval: true, reviewReasonCodes: true },
    }),
    ctx.db.reviewTemplate.findMany({
      where: { organizationId },
      orderBy: [{ isDefault: "desc" }, { name: "asc" }],
    }),
  ]);
  return {
    ...organization,
    templates: templates.map((t) => ({ ...t, stages: reviewStagesSchema.parse(t.stages) })),
  };
}

const manage = (ctx: UseCaseContext, organizationId: string) =>
  authorize(
    ctx.actor,
    "reviewSettings.manage",
    { kind: "organization", organizationId },
    "Organisation",
  );

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
