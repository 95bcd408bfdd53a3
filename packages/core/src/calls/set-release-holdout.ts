import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { LoadedCommunication } from "../communications/communications";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorizeCommunication } from "../policies";
import type { setReleaseHoldoutSchema } from "../schemas";
import { canonicalJson } from "../versions/canonical";

/**
 * Says that a release held some customers back, and how the call data tells
 * the two groups apart; or (null) that it did not. The release must be one
 * of this communication's.
 */
export async function setReleaseHoldout(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: Pick<z.output<typeof setReleaseHoldoutSchema>, "releaseId" | "holdout">,
) {
  const { actor } = authorizeCommunication(ctx, "calls.mapCommunication", communication);
  const release = await ctx.db.release.findFirst({
    where: { id: input.releaseId, communicationId: communication.id },
    select: { id: true, recipients: true },
  });
  if (!release)
    throw new AppError("NOT_FOUND", "This communication has no such release", {
      releaseId: "Not a release of this communication",
    });
  const holdout = input.holdout;
  return ctx.db.$transaction(async (tx) => {
    const select = { sentSegment: true, heldOutSegment: true, heldOut: true } as const;
    const before = await tx.releaseHoldout.findUnique({ where: { releaseId: release.id }, select });
    const saved = holdout
      ? await tx.releaseHoldout.upsert({
          where: { releaseId: release.id },
          create: { releaseId: release.id, ...holdout, setById: actor.userId },
          update: { ...holdout, setById: actor.userId },
          select: { releaseId: true, ...select },
        })
      : null;
    if (!holdout) await tx.releaseHoldout.deleteMany({ where: { releaseId: release.id } });
    const to = saved && {
      sentSegment: saved.sentSegment,
      heldOutSegment: saved.heldOutSegment,
      heldOut: saved.heldOut,
    };
    if (canonicalJson(before) !== canonicalJson(to))
      await appendAuditEvent(tx, {
        organizationId: communication.organizationId,
        kind: "HOLDOUT_SET",
        actorId: actor.userId,
        communicationId: communication.id,
        payload: { releaseId: release.id, from: before, to },
      });
    return saved;
  });
}
