import type { Prisma } from "@conductor/db";
import { diffWords } from "diff";
import type { z } from "zod";
import type { LoadedCommunication } from "../communications/communications";
import type { UseCaseContext } from "../context";
import { notFound } from "../errors";
import { authorize } from "../policies";
import type { compareVersionsSchema } from "../schemas";
import { versionHash } from "./canonical";
import { appendAuditEvent } from "../audit/audit";

/** The document's content at a moment: editor JSON and its plain text. */
export interface DocumentContent {
  json: Prisma.InputJsonValue;
  text: string;
  /** Email only. */
  subject?: string;
  preheader?: string;
}

const versionSummary = {
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

async function loadVersion(
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
function briefInForce(ctx: UseCaseContext, communicationId: string) {
  return ctx.db.briefRevision.findFirst({
    where: { communicationId },
    orderBy: { number: "desc" },
    select: { id: true, content: true },
  });
}

/**
 * Records a version. Numbers are per communication; two saves at the same
 * moment cannot take one number (unique index), the loser retries.
 */
export async function recordVersion(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: DocumentContent & {
    name: string;
    kind: "NAMED" | "AUTOMATIC" | "RESTORE";
    restoredFromId?: string;
  },
): Promise<VersionSummary> {
  const { actor } = authorize(
    ctx.actor,
    "version.create",
    { kind: "communication", ...communication },
    "Communication",
  );
  const brief = await briefInForce(ctx, communication.id);
  for (let attempt = 0; ; attempt++) {
    const latest = await ctx.db.communicationVersion.findFirst({
      where: { communicationId: communication.id },
      orderBy: { number: "desc" },
      select: { number: true },
    });
    try {
      return await ctx.db.$transaction(async (tx) => {
        const version = await tx.communicationVersion.create({
          data: {
            communicationId: communication.id,
            number: (latest?.number ?? 0) + 1,
            name: input.name,
            kind: input.kind,
            authorId: actor.userId,
            json: input.json,
            text: input.text,
            subject: input.subject ?? "",
            preheader: input.preheader ?? "",
            contentHash: versionHash({ ...input, brief: brief?.content }),
            briefRevisionId: brief?.id ?? null,
            restoredFromId: input.restoredFromId ?? null,
          },
          select: versionSummary,
        });
        await appendAuditEvent(tx, {
          organizationId: communication.organizationId,
          kind: "VERSION_SAVED",
          actorId: actor.userId,
          communicationId: communication.id,
          payload: {
            versionId: version.id,
            number: version.number,
            name: version.name,
            kind: version.kind,
            contentHash: version.contentHash,
            briefRevisionId: version.briefRevisionId,
            restoredFromId: version.restoredFromId,
          },
        });
        return version;
      });
    } catch (error) {
      const unique = (error as { code?: string }).code === "P2002";
      if (!unique || attempt >= 4) throw error;
    }
  }
}

/**
 * Restoring never rewrites history: the current draft is kept as an
 * automatic version (unless it equals the newest one), then the restored
 * content becomes the draft and is recorded as a new RESTORE version.
 * Returns the content for the collaboration server to put in the document.
 */
export async function restoreVersion(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: { versionId: string; current: DocumentContent },
) {
  authorize(
    ctx.actor,
    "version.create",
    { kind: "communication", ...communication },
    "Communication",
  );
  const source = await loadVersion(ctx, communication, input.versionId);
  const newest = await ctx.db.communicationVersion.findFirst({
    where: { communicationId: communication.id },
    orderBy: { number: "desc" },
    select: { contentHash: true },
  });
  const brief = await briefInForce(ctx, communication.id);
  if (newest?.contentHash !== versionHash({ ...input.current, brief: brief?.content })) {
    await recordVersion(ctx, communication, {
      ...input.current,
      name: `Draft before restoring version ${source.number}`,
      kind: "AUTOMATIC",
    });
  }
  const restored = await recordVersion(ctx, communication, {
    json: source.json as Prisma.InputJsonValue,
    text: source.text,
    subject: source.subject,
    preheader: source.preheader,
    name: `Restored version ${source.number} (${source.name})`,
    kind: "RESTORE",
    restoredFromId: source.id,
  });
  return {
    version: restored,
    json: source.json,
    subject: source.subject,
    preheader: source.preheader,
  };
}

// Unicode word boundaries keep amounts (177.17) and dates (3/1) whole, so a
// changed amount shows as one replaced number rather than three fragments.
const wordSegmenter = new Intl.Segmenter("en", { granularity: "word" });

/** One stretch of a word-level diff. */
export interface DiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

/** What a reader compares: the subject and preheader lines (when set), then the text. */
function readable(version: { text: string; subject: string; preheader: string }) {
  const head = [
    version.subject ? `Subject: ${version.subject}` : "",
    version.preheader ? `Preheader: ${version.preheader}` : "",
  ].filter(Boolean);
  return head.length ? `${head.join("\n")}\n\n${version.text}` : version.text;
}

/** A word-level diff of two versions of one communication (subject, preheader and text). */
export async function compareVersions(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof compareVersionsSchema>,
) {
  const [from, to] = await Promise.all([
    loadVersion(ctx, communication, input.fromVersionId),
    loadVersion(ctx, communication, input.toVersionId),
  ]);
  const parts: DiffPart[] = diffWords(readable(from), readable(to), {
    intlSegmenter: wordSegmenter,
  }).map((part) => ({
    kind: part.added ? "added" : part.removed ? "removed" : "same",
    text: part.value,
  }));
  const { json: _a, text: _b, subject: _c, preheader: _d, ...fromSummary } = from;
  const { json: _e, text: _f, subject: _g, preheader: _h, ...toSummary } = to;
  return {
    from: fromSummary,
    to: toSummary,
    parts,
    added: parts.filter((p) => p.kind === "added").length,
    removed: parts.filter((p) => p.kind === "removed").length,
  };
}

/** One version's content (for a read-only view). */
export async function versionContent(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  versionId: string,
) {
  return loadVersion(ctx, communication, versionId);
}
