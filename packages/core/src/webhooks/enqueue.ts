import type { Prisma } from "@conductor/db";
import type { NotificationKind, WebhookEvent } from "@conductor/db/enums";

const webhookEvents: readonly string[] = [
  "REVIEW_WAITING",
  "REVIEW_APPROVED",
  "CHANGES_REQUESTED",
  "RELEASED",
] satisfies WebhookEvent[];

/**
 * Whether `kind` is an event webhooks can ask for: the review steps, not
 * mentions, reminders and the like. The outbox for webhooks is one delivery
 * row per live webhook of the organisation that asked for the event, written
 * in the review step's own transaction (so an event is told if and only if
 * the step committed): by notifyPeople in its one statement, or by the
 * submission through writeWebhookDeliveries. The worker signs and sends them.
 */
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
