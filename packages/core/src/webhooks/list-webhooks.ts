import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";

/**
 * Settings → Webhooks (admins): the organisation's live webhooks, each with
 * its latest 20 deliveries (event, status, attempts, the receiver's last
 * answer). Never a secret, never another organisation's.
 */
export async function listWebhooks(ctx: UseCaseContext, organizationId: string) {
  authorizeInOrganization(ctx, "webhook.manage", organizationId);
  return ctx.db.webhook.findMany({
    where: { organizationId, deletedAt: null },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      url: true,
      events: true,
      createdAt: true,
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: 20,
        select: {
          id: true,
          event: true,
          status: true,
          attempts: true,
          lastStatus: true,
          lastError: true,
          createdAt: true,
          deliveredAt: true,
        },
      },
    },
  });
}
