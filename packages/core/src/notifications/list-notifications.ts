import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";

/**
 * The signed-in person's notifications in one organisation, unread first,
 * newest first. Reminders are made by the job queue at their due time
 * (remind-due-reviews), not here.
 */
export async function listNotifications(ctx: UseCaseContext, organizationId: string) {
  const { actor } = authorizeInOrganization(ctx, "organization.read", organizationId);
  const where = { userId: actor.userId, organizationId };
  const [items, unread] = await Promise.all([
    ctx.db.notification.findMany({
      where,
      orderBy: [{ readAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
      take: 50,
    }),
    ctx.db.notification.count({ where: { ...where, readAt: null } }),
  ]);
  return { items, unread };
}
