import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import type { releaseSchema } from "../schemas";
import { notifyPeople } from "./review-notifications";
import { lockReview, stateOf, step } from "./store";
import { type Reviewer, release } from "./workflow";

/** Who records a release: a comms manager, or a sending system through its token. */
export type Releaser =
  | { kind: "person"; reviewer: Reviewer; name: string }
  | { kind: "token"; tokenId: string; name: string };

/** The release itself, in one transaction: the review row locked, everything written or nothing. */
export async function recordRelease(
  db: UseCaseContext["db"],
  communication: Pick<LoadedCommunication, "id" | "organizationId" | "ownerId" | "title">,
  reviewId: string,
  input: Omit<z.output<typeof releaseSchema>, "communicationId" | "reviewId">,
  by: Releaser,
) {
  // A token stands for the organisation's release approval, so it may release
  // what a comms manager may.
  const releaser: Reviewer =
    by.kind === "person"
      ? by.reviewer
      : { userId: `token:${by.tokenId}`, functions: [], isCommsManager: true };
  return db.$transaction(async (tx) => {
    const review = await lockReview(tx, communication, reviewId);
    step(() => release(stateOf(review), releaser));
    const userId = by.kind === "person" ? by.reviewer.userId : null;
    const record = await tx.release.create({
      data: {
        reviewId: review.id,
        communicationId: communication.id,
        versionId: review.versionId,
        channel: input.channel,
        sendDates: input.sendDates,
        recipients: input.recipients,
        campaignId: input.campaignId ?? null,
        releasedById: userId,
        releasedByTokenId: by.kind === "token" ? by.tokenId : null,
      },
    });
    await tx.review.update({
      where: { id: review.id },
      data: { status: "RELEASED", stageDueAt: null },
    });
    await tx.communication.update({
      where: { id: communication.id },
      data: { status: "RELEASED" },
    });
    const deciders = await tx.reviewDecision.findMany({
      where: { reviewId: review.id, supersededAt: null },
      select: { reviewerId: true },
    });
    await notifyPeople(
      tx,
      [communication.ownerId, review.submittedById, ...deciders.map((d) => d.reviewerId)],
      "RELEASED",
      {
        organizationId: communication.organizationId,
        communicationId: communication.id,
        actorId: userId ?? "",
        actorName: by.name,
        excerpt: `${communication.title}: released to ${input.recipients.toLocaleString("en")} recipients`,
      },
    );
    await appendAuditEvent(tx, {
      organizationId: communication.organizationId,
      kind: "RELEASED",
      actorId: userId,
      communicationId: communication.id,
      payload: {
        reviewId: review.id,
        releaseId: record.id,
        versionId: review.versionId,
        versionHash: review.versionHash,
        channel: input.channel,
        sendDates: input.sendDates.map((d) => d.toISOString()),
        recipients: input.recipients,
        campaignId: input.campaignId ?? null,
        ...(by.kind === "token"
          ? { via: "release token", tokenId: by.tokenId, tokenName: by.name }
          : {}),
      },
    });
    return record;
  });
}
