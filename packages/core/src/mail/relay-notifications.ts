import { randomUUID } from "node:crypto";
import type { Database, Prisma } from "@conductor/db";
import type { MailDelivery } from "@conductor/db/enums";
import { reviewStagesSchema } from "../schemas";
import type { MailConfig } from "./config";
import { placeLink, preferencesLink, unsubscribeFor } from "./links";
import { DEFAULT_DELIVERY } from "./preferences";
import { type MailContent, renderMail } from "./templates";

/** A claim older than this is taken to be a worker that died mid-batch. */
const CLAIM_LEASE = "5 minutes";

/**
 * The outbox relay: notifications not yet handled (mailedAt null) become
 * queued mail for people who want it at once; those who chose the digest
 * are left for it; those who turned the kind off get nothing. Several
 * workers run it at once, so it first claims its batch in one statement
 * (`FOR UPDATE SKIP LOCKED`, a random claim id and a lease): each
 * notification is rendered by one worker only. The claim is not a
 * transaction held open while rendering: on the embedded database that
 * would stop every other client for as long. If a claim outlives its lease
 * and another worker takes the notification, the mail's dedupe key still
 * makes one mail. Returns the ids of the notifications it handled.
 */
export async function relayNotifications(
  db: Database,
  config: MailConfig,
  limit = 200,
): Promise<string[]> {
  const claim = randomUUID();
  // Timestamps are stored as UTC without a zone (Prisma's DateTime).
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Notification"
    SET "relayClaim" = ${claim}, "relayClaimedAt" = now() AT TIME ZONE 'UTC'
    WHERE "id" IN (
      SELECT "id" FROM "Notification"
      WHERE "mailedAt" IS NULL
        AND ("relayClaimedAt" IS NULL
          OR "relayClaimedAt" < now() AT TIME ZONE 'UTC' - ${CLAIM_LEASE}::interval)
      ORDER BY "createdAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id"`;
  if (claimed.length === 0) return [];
  const pending = await db.notification.findMany({
    where: { id: { in: claimed.map((row) => row.id) }, relayClaim: claim, mailedAt: null },
    orderBy: { createdAt: "asc" },
    include: {
      user: { select: { email: true, name: true } },
      organization: { select: { name: true, timeZone: true } },
      communication: { select: { title: true } },
    },
  });
  if (pending.length === 0) return [];

  const people = [...new Map(pending.map((n) => [`${n.organizationId}:${n.userId}`, n])).values()];
  const choices = await db.notificationPreference.findMany({
    where: {
      OR: people.map((n) => ({ organizationId: n.organizationId, userId: n.userId })),
    },
  });
  const deliveryOf = (n: (typeof pending)[number]): MailDelivery =>
    choices.find(
      (c) => c.organizationId === n.organizationId && c.userId === n.userId && c.kind === n.kind,
    )?.delivery ?? DEFAULT_DELIVERY;

  // The stage and its due time, for the review kinds' mail.
  const reviews = await db.review.findMany({
    where: {
      communicationId: { in: [...new Set(pending.map((n) => n.communicationId))] },
      status: "IN_REVIEW",
    },
    select: { communicationId: true, stage: true, stages: true, stageDueAt: true },
  });
  const stageOf = (communicationId: string) => {
    const review = reviews.find((r) => r.communicationId === communicationId);
    if (!review) return { stageName: null, dueAt: null };
    const stages = reviewStagesSchema.safeParse(review.stages);
    return {
      stageName: stages.success ? (stages.data[review.stage]?.name ?? null) : null,
      dueAt: review.stageDueAt,
    };
  };

  const mails: Prisma.OutgoingMailCreateManyInput[] = [];
  for (const n of pending) {
    if (deliveryOf(n) !== "IMMEDIATELY") continue;
    const unsubscribe = unsubscribeFor(config, n);
    const frame = {
      organizationName: n.organization.name,
      recipientName: n.user.name,
      unsubscribeUrl: unsubscribe.url,
      preferencesUrl: preferencesLink(config.appUrl),
    };
    const link = placeLink(config.appUrl, n);
    const title = n.communication.title;
    const timeZone = n.organization.timeZone;
    const content: MailContent =
      n.kind === "MENTION"
        ? { ...frame, kind: n.kind, actorName: n.actorName, title, quote: n.excerpt, link }
        : n.kind === "REVIEW_WAITING"
          ? {
              ...frame,
              kind: n.kind,
              actorName: n.actorName,
              title,
              link,
              timeZone,
              ...stageOf(n.communicationId),
            }
          : n.kind === "DUE_SOON" || n.kind === "OVERDUE"
            ? { ...frame, kind: n.kind, title, link, timeZone, ...stageOf(n.communicationId) }
            : { ...frame, kind: n.kind, actorName: n.actorName, title, quote: n.excerpt, link };
    const rendered = await renderMail(content);
    mails.push({
      id: randomUUID(),
      organizationId: n.organizationId,
      userId: n.userId,
      kind: n.kind,
      recipient: n.user.email,
      ...rendered,
      headers: unsubscribe.headers,
      dedupeKey: `notification:${n.id}`,
    });
  }
  const now = new Date();
  const notForDigest = pending.filter((n) => deliveryOf(n) !== "DAILY_DIGEST").map((n) => n.id);
  const forDigest = pending.filter((n) => deliveryOf(n) === "DAILY_DIGEST").map((n) => n.id);
  await db.$transaction(async (tx) => {
    if (mails.length) await tx.outgoingMail.createMany({ data: mails, skipDuplicates: true });
    await tx.notification.updateMany({
      where: { id: { in: notForDigest }, mailedAt: null, relayClaim: claim },
      data: { mailedAt: now, digestedAt: now },
    });
    await tx.notification.updateMany({
      where: { id: { in: forDigest }, mailedAt: null, relayClaim: claim },
      data: { mailedAt: now },
    });
  });
  return pending.map((n) => n.id);
}
