import type { Prisma } from "@conductor/db";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { authorizeCommunication } from "../policies";
import { versionHash } from "./canonical";
import { recordVersion } from "./record-version";
import { briefInForce, type DocumentContent, loadVersion } from "./versions";

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
  authorizeCommunication(ctx, "version.create", communication);
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
