import type { Prisma } from "@conductor/db";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { briefContentSchema } from "../schemas";

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
