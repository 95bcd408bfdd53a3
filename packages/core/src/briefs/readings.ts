import type { z } from "zod";
import type { LoadedCommunication } from "../communications/communications";
import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import { authorize, can } from "../policies";
import { briefContentSchema, type recordCustomerReadingSchema } from "../schemas";

/**
 * A saved version with the brief it was taken under. Judgements are made on
 * versions, never on the live draft: the words judged must not move.
 */
async function versionWithBrief(
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

/**
 * Records "a customer would get it: yes/no, because…" for one version, as
 * the person recording it. One answer per reviewer per version: answering
 * again replaces your own answer, never anyone else's.
 */
export async function recordCustomerReading(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof recordCustomerReadingSchema>,
) {
  const { actor } = authorize(
    ctx.actor,
    "reading.record",
    { kind: "communication", ...communication },
    "Communication",
  );
  const { version, brief } = await versionWithBrief(ctx, communication, input.versionId);
  if (!brief.desiredOutcome)
    throw new AppError(
      "INVALID_INPUT",
      `Version ${version.number} was saved before the brief had a desired outcome: there is no question to answer`,
      { versionId: "Save a version after the brief states its outcome" },
    );
  const reviewerId = actor.userId;
  const answer = { understood: input.understood, reason: input.reason };
  await ctx.db.customerReading.upsert({
    where: { versionId_reviewerId: { versionId: version.id, reviewerId } },
    create: {
      ...answer,
      organizationId: communication.organizationId,
      communicationId: communication.id,
      versionId: version.id,
      reviewerId,
      outcome: brief.desiredOutcome,
    },
    update: answer,
  });
  return customerReadings(ctx, communication, version.id);
}
