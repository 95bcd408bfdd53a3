import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";

/** Marks some (or all) of the person's own notifications read; others' are untouched. */
export async function markNotificationsRead(
  ctx: UseCaseContext,
  input: { organizationId: string; notificationIds?: string[] },
) {
  const { actor } = authorizeInOrganization(ctx, "organization.read", input.organizationId);
  const { count } = await ctx.db.notification.updateMany({
    where: {
      userId: actor.userId,
      organizationId: input.organizationId,
      readAt: null,
      ...(input.notificationIds ? { id: { in: input.notificationIds } } : {}),
    },
    data: { readAt: new Date() },
  });
  return { marked: count };
}
