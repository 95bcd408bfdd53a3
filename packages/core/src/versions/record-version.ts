import { appendAuditEvent } from "../audit/append";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { authorizeCommunication } from "../policies";
import { versionHash } from "./canonical";
import {
  briefInForce,
  type DocumentContent,
  type VersionSummary,
  versionSummary,
} from "./versions";

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
  const { actor } = authorizeCommunication(ctx, "version.create", communication);
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
