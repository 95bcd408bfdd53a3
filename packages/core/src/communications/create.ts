import type { Prisma } from "@conductor/db";
import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import { loadBriefTemplate } from "../briefs/templates";
import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import type { createCommunicationSchema } from "../schemas";
import { summarySelect } from "./summary";

export async function createCommunication(
  ctx: UseCaseContext,
  data: z.output<typeof createCommunicationSchema>,
) {
  const { actor } = authorizeInOrganization(ctx, "communication.create", data.organizationId);
  const template = data.briefTemplateId
    ? await loadBriefTemplate(ctx, data.organizationId, data.briefTemplateId)
    : null;
  // One transaction: a communication never exists without the brief it was started from.
  return ctx.db.$transaction(async (tx) => {
    const communication = await tx.communication.create({
      data: {
        organizationId: data.organizationId,
        ownerId: actor.userId,
        title: data.title,
        channel: data.channel,
        audienceDescription: data.audienceDescription,
        plannedSendAt: data.plannedSendAt,
      },
      select: summarySelect,
    });
    if (template) {
      // A template saved before personas were checked may still name another
      // organisation's persona, or one archived or deleted since: the new
      // brief then starts without a persona rather than linking across tenants.
      const persona = template.content.personaId
        ? await tx.persona.findFirst({
            where: {
              id: template.content.personaId,
              organizationId: data.organizationId,
              archivedAt: null,
            },
            select: { id: true },
          })
        : null;
      const content = { ...template.content, personaId: persona?.id ?? null };
      await tx.briefRevision.create({
        data: {
          communicationId: communication.id,
          number: 1,
          content: content as Prisma.InputJsonValue,
          personaId: persona?.id ?? null,
          authorId: actor.userId,
        },
      });
    }
    await appendAuditEvent(tx, {
      organizationId: data.organizationId,
      kind: "COMMUNICATION_CREATED",
      actorId: actor.userId,
      communicationId: communication.id,
      payload: {
        title: data.title,
        channel: data.channel,
        briefTemplate: template?.name ?? null,
      },
    });
    return communication;
  });
}
