import { randomUUID } from "node:crypto";
import { appendAuditEvent } from "../audit/audit";
import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import { authorizeInOrganization } from "../policies";
import { isUuid } from "../uuid";

/**
 * An admin sends a failed webhook delivery again (Settings → Webhooks): it
 * is queued with a fresh set of attempts under a new job id, since pg-boss
 * keeps the failed job under the delivery's own id and inserting that id
 * again does nothing; the worker's pump queues it (every worker with the
 * same new id, so once). The stored body goes again, signed anew, so the
 * receiver sees the same event id it may already have logged. Only FAILED
 * deliveries of a webhook that still exists: a delivered event is not sent twice.
 */
export async function retryWebhookDelivery(
  ctx: UseCaseContext,
  input: { organizationId: string; deliveryId: string },
) {
  const { actor } = authorizeInOrganization(ctx, "webhook.manage", input.organizationId);
  if (!isUuid(input.deliveryId)) throw notFound("Webhook delivery");
  return ctx.db.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findFirst({
      where: { id: input.deliveryId, organizationId: input.organizationId },
      select: {
        id: true,
        webhookId: true,
        event: true,
        status: true,
        attempts: true,
        lastError: true,
        webhook: { select: { deletedAt: true } },
      },
    });
    if (!delivery) throw notFound("Webhook delivery");
    if (delivery.webhook.deletedAt)
      throw new AppError(
        "CONFLICT",
        "The webhook was deleted: its deliveries cannot be sent again",
      );
    // Conditional, so two admins pressing at once queue it once.
    const requeued = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, status: "FAILED" },
      data: {
        status: "QUEUED",
        attempts: 0,
        lastError: null,
        lastStatus: null,
        jobId: randomUUID(),
        jobQueuedAt: null,
      },
    });
    if (requeued.count === 0)
      throw new AppError(
        "CONFLICT",
        `Only a failed delivery can be sent again; this one is ${delivery.status === "QUEUED" ? "already queued" : "delivered"}`,
      );
    await appendAuditEvent(tx, {
      organizationId: input.organizationId,
      kind: "WEBHOOK_DELIVERY_RETRIED",
      actorId: actor.userId,
      payload: {
        deliveryId: delivery.id,
        webhookId: delivery.webhookId,
        event: delivery.event,
        attempts: delivery.attempts,
        lastError: delivery.lastError,
      },
    });
    return { id: delivery.id, status: "QUEUED" as const };
  });
}
