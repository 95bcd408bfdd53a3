import type { z } from "zod";
import type { LoadedCommunication } from "../communications/communications";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorize } from "../policies";
import type { setReleaseHoldoutSchema } from "../schemas";

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
  const { actor } = authorize(
    ctx.actor,
    "calls.mapCommunication",
    { kind: "communication", ...communication },
    "Communication",
  );
  const release = await ctx.db.release.findFirst({
    where: { id: input.releaseId, communicationId: communication.id },
    select: { id: true, recipients: true },
  });
  if (!release)
    throw new AppError("NOT_FOUND", "This communication has no such release", {
      releaseId: "Not a release of this communication",
    });
  if (!input.holdout) {
    await ctx.db.releaseHoldout.deleteMany({ where: { releaseId: release.id } });
    return null;
  }
  const data = { ...input.holdout, setById: actor.userId };
  return ctx.db.releaseHoldout.upsert({
    where: { releaseId: release.id },
    create: { releaseId: release.id, ...data },
    update: data,
    select: { releaseId: true, sentSegment: true, heldOutSegment: true, heldOut: true },
  });
}
