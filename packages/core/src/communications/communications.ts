import type { Communication, Prisma } from "@conductor/db";
import type { z } from "zod";
import type { UseCaseContext } from "../context";
import { notFound } from "../errors";
import { authorize } from "../policies";
import type {
  communicationListSchema,
  createCommunicationSchema,
  updateCommunicationSchema,
} from "../schemas";
import { loadBriefTemplate } from "../briefs/templates";
import { decodeCursor, encodeCursor } from "./cursor";
import { appendAuditEvent } from "../audit/audit";

/** What the list and detail views show; the body stays out of lists. */
export interface CommunicationSummary {
  id: string;
  organizationId: string;
  title: string;
  channel: Communication["channel"];
  status: Communication["status"];
  audienceDescription: string;
  plannedSendAt: Date | null;
  owner: { id: string; name: string };
  createdAt: Date;
  updatedAt: Date;
}

const summarySelect = {
  id: true,
  organizationId: true,
  title: true,
  channel: true,
  status: true,
  audienceDescription: true,
  plannedSendAt: true,
  createdAt: true,
  updatedAt: true,
  owner: { select: { id: true, name: true } },
} satisfies Prisma.CommunicationSelect;

export async function listCommunications(
  ctx: UseCaseContext,
  query: z.output<typeof communicationListSchema>,
) {
  authorize(
    ctx.actor,
    "communication.list",
    { kind: "organization", organizationId: query.organizationId },
    "Organisation",
  );
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  const where: Prisma.CommunicationWhereInput = {
    organizationId: query.organizationId,
    ...(query.status ? { status: query.status } : {}),
    ...(query.channel ? { channel: query.channel } : {}),
    ...(query.search ? { title: { contains: query.search, mode: "insensitive" } } : {}),
    ...(cursor
      ? {
          OR: [
            { updatedAt: { lt: cursor.updatedAt } },
            { updatedAt: cursor.updatedAt, id: { lt: cursor.id } },
          ],
        }
      : {}),
  };
  const rows = await ctx.db.communication.findMany({
    where,
    select: summarySelect,
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
  });
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items satisfies CommunicationSummary[],
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

export async function createCommunication(
  ctx: UseCaseContext,
  data: z.output<typeof createCommunicationSchema>,
) {
  authorize(
    ctx.actor,
    "communication.create",
    { kind: "organization", organizationId: data.organizationId },
    "Organisation",
  );
  const template = data.briefTemplateId
    ? await loadBriefTemplate(ctx, data.organizationId, data.briefTemplateId)
    : null;
  // One transaction: a communication never exists without the brief it was started from.
  return ctx.db.$transaction(async (tx) => {
    const communication = await tx.communication.create({
      data: {
        organizationId: data.organizationId,
        ownerId: ctx.actor!.userId,
        title: data.title,
        channel: data.channel,
        audienceDescription: data.audienceDescription,
        plannedSendAt: data.plannedSendAt,
      },
      select: summarySelect,
    });
    if (template) {
      await tx.briefRevision.create({
        data: {
          communicationId: communication.id,
          number: 1,
          content: template.content as Prisma.InputJsonValue,
          personaId: template.content.personaId,
          authorId: ctx.actor!.userId,
        },
      });
    }
    await appendAuditEvent(tx, {
      organizationId: data.organizationId,
      kind: "COMMUNICATION_CREATED",
      actorId: ctx.actor!.userId,
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

/**
 * Loads a communication the actor may read. Used by every procedure that
 * works on one communication, so the tenant check happens in one place.
 */
export async function loadCommunication(ctx: UseCaseContext, communicationId: string) {
  const communication = await ctx.db.communication.findUnique({
    where: { id: communicationId },
    select: { ...summarySelect, body: true, ownerId: true },
  });
  if (!communication) throw notFound("Communication");
  authorize(
    ctx.actor,
    "communication.read",
    { kind: "communication", ...communication },
    "Communication",
  );
  return communication;
}

export type LoadedCommunication = Awaited<ReturnType<typeof loadCommunication>>;

export async function updateCommunication(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  data: z.output<typeof updateCommunicationSchema>,
) {
  authorize(
    ctx.actor,
    "communication.update",
    { kind: "communication", ...communication },
    "Communication",
  );
  const { communicationId: _id, ...changes } = data;
  return ctx.db.communication.update({
    where: { id: communication.id },
    data: changes,
    select: summarySelect,
  });
}
