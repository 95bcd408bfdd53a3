import type { Prisma } from "@conductor/db";
import type { NotificationKind, WebhookEvent } from "@conductor/db/enums";

const webhookEvents: readonly string[] = [
  "REVIEW_WAITING",
  "REVIEW_APPROVED",
  "CHANGES_REQUESTED",
  "RELEASED",
] satisfies WebhookEvent[];

/**
 * The outbox for webhooks: one delivery row per live webhook of the
 * organisation that asked for this event, written in the review step's own
 * transaction (so an event is told if and only if the step committed). The
 * worker signs and sends them. Other kinds (mentions, reminders) are not
 * webhook events.
 */
export async function enqueueWebhookEvent(
  tx: Prisma.TransactionClient,
  kind: NotificationKind,
  about: { organizationId: string; communicationId: string; actorName: string; excerpt: string },
) {
  if (!isWebhookEvent(kind)) return;
  const event = kind;
  // Filtered here, not with `has`: the embedded database's adapter sends an
  // enum array parameter as plain text (see stageReviewers).
  const hooks = (
    await tx.webhook.findMany({
      where: { organizationId: about.organizationId, deletedAt: null },
      select: { id: true, events: true },
    })
  ).filter((hook) => hook.events.includes(event));
  await writeWebhookDeliveries(tx, hooks, event, about);
}

/** Whether `kind` is an event webhooks can ask for. */
export const isWebhookEvent = (kind: NotificationKind): kind is WebhookEvent =>
  webhookEvents.includes(kind);

/** One delivery row per webhook given (each one asked for `event`). */
export async function writeWebhookDeliveries(
  tx: Prisma.TransactionClient,
  hooks: readonly { id: string }[],
  event: WebhookEvent,
  about: { organizationId: string; communicationId: string; actorName: string; excerpt: string },
) {
  if (hooks.length === 0) return;
  await tx.webhookDelivery.createMany({
    data: hooks.map((hook) => ({
      webhookId: hook.id,
      organizationId: about.organizationId,
      event,
      communicationId: about.communicationId,
      actorName: about.actorName,
      excerpt: about.excerpt.slice(0, 500),
    })),
  });
}
