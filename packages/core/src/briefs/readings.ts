import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { notFound } from "../errors";
import { can } from "../policies";
import { briefContentSchema } from "../schemas";

/**
 * A saved version with the brief it was taken under. Judgements are made on
 * versions, never on the live draft: the words judged must not move.
 */
export async function versionWithBrief(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  versionId: string,
) {
  const version = await ctx.db.communicationVersion.findFirst({
    where: { id: versionId, communicationId: communication.id },
    select: { id: true, number: true, name: true, contentHash: true, briefRevisionId: true },
  });
  if (!version) throw notFound("Version");
  const revision = version.briefRevisionId
    ? await ctx.db.briefRevision.findUnique({
        where: { id: version.briefRevisionId },
        select: { content: true },
      })
    : null;
  return { version, brief: briefContentSchema.parse(revision?.content ?? {}) };
}

/** The outcome question for one version and every reviewer's answer to it. */
export async function customerReadings(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  versionId: string,
) {
  const { version, brief } = await versionWithBrief(ctx, communication, versionId);
  const readings = await ctx.db.customerReading.findMany({
    where: { versionId: version.id },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      understood: true,
      reason: true,
      outcome: true,
      updatedAt: true,
      reviewer: { select: { id: true, name: true } },
    },
  });
  // Whose eyes to read through: the brief's persona when the version was
  // saved, even if it has been archived since.
  const persona = brief.personaId
    ? await ctx.db.persona.findFirst({
        where: { id: brief.personaId, organizationId: communication.organizationId },
        select: { name: true, vignette: true, feelings: true, beliefs: true, readingGrade: true },
      })
    : null;
  return {
    version,
    outcome: brief.desiredOutcome,
    action: brief.action,
    persona,
    readings,
    canRecord: can(ctx.actor, "reading.record", { kind: "communication", ...communication }),
  };
}
