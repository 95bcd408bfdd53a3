import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import { changesBetween, hasChanges } from "../audit/changes";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorizeCommunication } from "../policies";
import type { correctReleaseSchema } from "../schemas";

type Recorded = { sendDates: string[]; recipients: number; campaignId: string | null };

const recorded = (release: { sendDates: Date[]; recipients: number; campaignId: string | null }) =>
  ({
    sendDates: release.sendDates.map((d) => d.toISOString()),
    recipients: release.recipients,
    campaignId: release.campaignId,
  }) satisfies Recorded;

/**
 * Corrects what a release recorded — a mistyped send date, the recipients
 * the sending system finally counted, its campaign id — with a reason. The
 * release keeps its id, so analyses, holdouts and certificates follow; the
 * trail keeps what it said before (RELEASED, then RELEASE_CORRECTED with
 * from → to). The released version and its approval are untouched.
 */
export async function correctRelease(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof correctReleaseSchema>,
) {
  const { actor } = authorizeCommunication(ctx, "release.correct", communication);
  return ctx.db.$transaction(async (tx) => {
    // Locked: two corrections at once each record the values they replaced.
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Release"
      WHERE id = ${input.releaseId} AND "communicationId" = ${communication.id}
      FOR UPDATE`;
    if (!locked)
      throw new AppError("NOT_FOUND", "This communication has no such release", {
        releaseId: "Not a release of this communication",
      });
    const before = await tx.release.findUniqueOrThrow({ where: { id: locked.id } });
    const sendDates = input.sendDates && [
      ...new Map(input.sendDates.map((d) => [d.getTime(), d])).values(),
    ];
    const campaignId = input.campaignId === undefined ? undefined : input.campaignId || null;
    const changes = changesBetween(
      recorded(before),
      {
        ...(sendDates ? { sendDates: sendDates.map((d) => d.toISOString()) } : {}),
        ...(input.recipients !== undefined ? { recipients: input.recipients } : {}),
        ...(campaignId !== undefined ? { campaignId } : {}),
      },
      ["sendDates", "recipients", "campaignId"],
    );
    if (!hasChanges(changes))
      throw new AppError(
        "INVALID_INPUT",
        "These are the values already recorded: nothing to correct",
        { form: "Change the send dates, recipients or campaign id to correct them" },
      );
    const release = await tx.release.update({
      where: { id: before.id },
      data: {
        ...(changes.sendDates ? { sendDates } : {}),
        ...(changes.recipients ? { recipients: input.recipients } : {}),
        ...(changes.campaignId ? { campaignId } : {}),
      },
    });
    await appendAuditEvent(tx, {
      organizationId: communication.organizationId,
      kind: "RELEASE_CORRECTED",
      actorId: actor.userId,
      communicationId: communication.id,
      payload: { releaseId: release.id, reason: input.reason, changes },
    });
    return release;
  });
}
