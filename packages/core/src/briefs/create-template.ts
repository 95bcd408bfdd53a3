import type { Prisma } from "@conductor/db";
import { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorizeInOrganization } from "../policies";
import { briefContentSchema, id, shortText } from "../schemas";
import { assertPersonaChoosable } from "./personas";
import { listBriefTemplates, loadBriefTemplate } from "./templates";

export const createBriefTemplateSchema = z.object({
  organizationId: id,
  name: shortText(120).min(1, "Name the template"),
  description: shortText(300).default(""),
  content: briefContentSchema,
});

/**
 * A new brief template for the organisation (comms managers and admins).
 * Names are unique within an organisation, as the people choosing one from
 * "Start the brief from" tell them apart by name.
 */
export async function createBriefTemplate(
  ctx: UseCaseContext,
  input: z.output<typeof createBriefTemplateSchema>,
) {
  const { actor } = authorizeInOrganization(ctx, "briefTemplate.manage", input.organizationId);
  // The defaults arrive on an organisation's first use: a template made before
  // anyone listed them must not stand in for all five.
  await listBriefTemplates(ctx, input.organizationId);
  const row = await ctx.db
    .$transaction(async (tx) => {
      if (input.content.personaId)
        await assertPersonaChoosable(
          tx,
          input.organizationId,
          input.content.personaId,
          "content.personaId",
        );
      const template = await tx.briefTemplate.create({
        data: {
          organizationId: input.organizationId,
          name: input.name,
          description: input.description,
          content: input.content as Prisma.InputJsonValue,
        },
      });
      await appendAuditEvent(tx, {
        organizationId: input.organizationId,
        kind: "BRIEF_TEMPLATE_CHANGED",
        actorId: actor.userId,
        payload: {
          change: "created",
          templateId: template.id,
          name: template.name,
          description: template.description,
          content: input.content,
        },
      });
      return template;
    })
    .catch((error) => {
      if ((error as { code?: string }).code !== "P2002") throw error;
      throw new AppError("CONFLICT", "Another brief template already has this name", {
        name: "Another brief template already has this name",
      });
    });
  return loadBriefTemplate(ctx, input.organizationId, row.id);
}
