import { appendAuditEvent } from "../audit/audit";
import type { UseCaseContext } from "../context";
import { notFound } from "../errors";
import { authorizeInOrganization } from "../policies";

/**
 * An admin deletes a webhook: nothing more is sent to it (deliveries still
 * queued are given up at their next attempt), and its log stays readable.
 */
export async function deleteWebhook(
  ctx: UseCaseContext,
  input: { organizationId: string; webhookId: string },
) {
  const { actor } = authorizeInOrganization(ctx, "webhook.manage", input.organizationId);
  return ctx.db.$transaction(async (tx) => {
    const deleted = await tx.webhook.updateMany({
      where: { id: input.webhookId, organizationId: input.organizationId, deletedAt: null },
      data: { deletedAt: new Date() },
    });
    if (deleted.count === 0) throw notFound("Webhook");
    await appendAuditEvent(tx, {
      organizationId: input.organizationId,
      kind: "WEBHOOK_DELETED",
      actorId: actor.userId,
      payload: { webhookId: input.webhookId },
    });
    return { id: input.webhookId };
  });
}
