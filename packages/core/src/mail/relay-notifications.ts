import { randomUUID } from "node:crypto";
import type { Database, Prisma } from "@conductor/db";
import type { MailDelivery } from "@conductor/db/enums";
import { reviewStagesSchema } from "../schemas";
import type { MailConfig } from "./config";
import { placeLink, preferencesLink, unsubscribeFor } from "./links";
import { DEFAULT_DELIVERY } from "./preferences";
import { type MailContent, renderMail } from "./templates";

/**
 * The outbox relay: notifications not yet handled (mailedAt null) become
 * queued mail for people who want it at once; those who chose the digest
 * are left for it; those who turned the kind off get nothing. Safe to run
 * in several workers at once: each notification makes at most one mail
 * (its dedupe key), and a notification is marked handled only once.
 * Returns how many notifications it handled.
 */
export async function relayNotifications(db: Database, config: MailConfig, limit = 200) {
  const pending = await db.notification.findMany({
    where: { mailedAt: null },
    orderBy: { createdAt: "asc" },
    take: limit,
    include: {
      user: { select: { email: true, name: true } },
      organization: { select: { name: true, timeZone: true } },
      communication: { select: { title: true } },
    },
  });
  if (pending.length === 0) return 0;

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
      where: { id: { in: notForDigest }, mailedAt: null },
      data: { mailedAt: now, digestedAt: now },
    });
    await tx.notification.updateMany({
      where: { id: { in: forDigest }, mailedAt: null },
      data: { mailedAt: now },
    });
  });
  return pending.length;
}
