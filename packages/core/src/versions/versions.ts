import type { Prisma } from "@conductor/db";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { notFound } from "../errors";

/** The document's content at a moment: editor JSON and its plain text. */
export interface DocumentContent {
  json: Prisma.InputJsonValue;
  text: string;
  /** Email only. */
  subject?: string;
  preheader?: string;
}

export const versionSummary = {
  id: true,
  number: true,
  name: true,
  kind: true,
  contentHash: true,
  restoredFromId: true,
  briefRevisionId: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
} satisfies Prisma.CommunicationVersionSelect;

export type VersionSummary = Prisma.CommunicationVersionGetPayload<{
  select: typeof versionSummary;
}>;

/** Newest first, with author and time; the content is fetched per version. */
export function listVersions(ctx: UseCaseContext, communication: LoadedCommunication) {
  return ctx.db.communicationVersion.findMany({
    where: { communicationId: communication.id },
    select: versionSummary,
    orderBy: { number: "desc" },
  });
}

export async function loadVersion(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  versionId: string,
) {
  const version = await ctx.db.communicationVersion.findFirst({
    where: { id: versionId, communicationId: communication.id },
    select: { ...versionSummary, json: true, text: true, subject: true, preheader: true },
  });
  if (!version) throw notFound("Version");
  return version;
}

/** The newest brief revision: the brief a version is taken under. */
export function briefInForce(ctx: UseCaseContext, communicationId: string) {
  return ctx.db.briefRevision.findFirst({
    where: { communicationId },
    orderBy: { number: "desc" },
    select: { id: true, content: true },
  });
}

/** One version's content (for a read-only view). */
export async function versionContent(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  versionId: string,
) {
  return loadVersion(ctx, communication, versionId);
}
