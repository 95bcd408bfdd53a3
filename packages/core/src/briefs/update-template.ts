import type { Prisma } from "@conductor/db";
import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import { changesBetween, hasChanges } from "../audit/changes";
import type { UseCaseContext } from "../context";
import { notFound } from "../errors";
import { authorizeInOrganization } from "../policies";
import { briefContentSchema, type updateBriefTemplateSchema } from "../schemas";
import { assertPersonaChoosable } from "./personas";
import { loadBriefTemplate } from "./templates";

/** Changes a template's description or content; communications already started keep their brief. */
export async function updateBriefTemplate(
  ctx: UseCaseContext,
  input: z.output<typeof updateBriefTemplateSchema>,
) {
  const { actor } = authorizeInOrganization(ctx, "briefTemplate.manage", input.organizationId);
  await ctx.db.$transaction(async (tx) => {
    const before = await tx.briefTemplate.findFirst({
      where: { id: input.templateId, organizationId: input.organizationId },
    });
    if (!before) throw notFound("Brief template");
    if (input.content?.personaId)
      await assertPersonaChoosable(
        tx,
        input.organizationId,
        input.content.personaId,
        "content.personaId",
      );
    const after = await tx.briefTemplate.update({
      where: { id: input.templateId },
      data: {
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.content ? { content: input.content as Prisma.InputJsonValue } : {}),
      },
    });
    const changes = changesBetween(
      { description: before.description, content: briefContentSchema.parse(before.content) },
      { description: after.description, content: briefContentSchema.parse(after.content) },
      ["description", "content"],
    );
    if (hasChanges(changes))
      await appendAuditEvent(tx, {
        organizationId: input.organizationId,
        kind: "BRIEF_TEMPLATE_CHANGED",
        actorId: actor.userId,
        payload: { change: "updated", templateId: after.id, name: after.name, changes },
      });
  });
  return loadBriefTemplate(ctx, input.organizationId, input.templateId);
}
