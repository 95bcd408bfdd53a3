import type { Prisma } from "@conductor/db";
import type { z } from "zod";
import type { LoadedCommunication } from "../communications/communications";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorize } from "../policies";
import { type BriefContent, briefContentSchema, type updateBriefSchema } from "../schemas";
import { appendAuditEvent } from "../audit/audit";

const revisionSelect = {
  id: true,
  number: true,
  content: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
} satisfies Prisma.BriefRevisionSelect;

/** The brief in force (the newest revision), or an empty brief before anyone wrote one. */
export async function currentBrief(ctx: UseCaseContext, communication: LoadedCommunication) {
  const newest = await ctx.db.briefRevision.findFirst({
    where: { communicationId: communication.id },
    orderBy: { number: "desc" },
    select: revisionSelect,
  });
  const brief = briefContentSchema.parse(newest?.content ?? {});
  // The persona's reading grade is the default target when the brief sets none.
  const persona = brief.personaId
    ? await ctx.db.persona.findFirst({
        where: { id: brief.personaId, organizationId: communication.organizationId },
        select: { id: true, name: true, readingGrade: true, archivedAt: true },
      })
    : null;
  return {
    persona,
    revision: newest
      ? { id: newest.id, number: newest.number, createdAt: newest.createdAt, author: newest.author }
      : null,
    brief,
  };
}

/** Every change to the brief, newest first, with who made it and when. */
export function briefHistory(ctx: UseCaseContext, communication: LoadedCommunication) {
  return ctx.db.briefRevision.findMany({
    where: { communicationId: communication.id },
    orderBy: { number: "desc" },
    select: revisionSelect,
  });
}

/**
 * Changing the brief records a new revision (never an overwrite). The persona
 * must be one of this organisation's and not archived; an unchanged brief
 * records nothing.
 */
export async function updateBrief(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof updateBriefSchema>,
) {
  const { actor } = authorize(
    ctx.actor,
    "brief.update",
    { kind: "communication", ...communication },
    "Communication",
  );
  const brief: BriefContent = input.brief;
  if (brief.personaId) {
    const persona = await ctx.db.persona.findFirst({
      where: { id: brief.personaId, organizationId: communication.organizationId },
      select: { archivedAt: true },
    });
    if (!persona)
      throw new AppError("INVALID_INPUT", "No such persona in this organisation", {
        "brief.personaId": "Choose a persona from the library",
      });
    if (persona.archivedAt)
      throw new AppError("INVALID_INPUT", "This persona is archived", {
        "brief.personaId": "This persona is archived; choose another",
      });
  }
  const current = await currentBrief(ctx, communication);
  if (current.revision && JSON.stringify(current.brief) === JSON.stringify(brief)) return current;
  for (let attempt = 0; ; attempt++) {
    try {
      const number = (current.revision?.number ?? 0) + 1 + attempt;
      await ctx.db.$transaction(async (tx) => {
        const revision = await tx.briefRevision.create({
          data: {
            communicationId: communication.id,
            number,
            content: brief as Prisma.InputJsonValue,
            personaId: brief.personaId,
            authorId: actor.userId,
          },
        });
        await appendAuditEvent(tx, {
          organizationId: communication.organizationId,
          kind: "BRIEF_CHANGED",
          actorId: actor.userId,
          communicationId: communication.id,
          payload: { revision: number, revisionId: revision.id, brief },
        });
      });
      break;
    } catch (error) {
      // Two saves at once cannot take one number (unique index): the later one goes next.
      if ((error as { code?: string }).code !== "P2002" || attempt >= 4) throw error;
    }
  }
  return currentBrief(ctx, communication);
}
