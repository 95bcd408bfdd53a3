import type { UseCaseContext } from "../context";
import { authorize } from "../policies";

/** Marks some (or all) of the person's own notifications read; others' are untouched. */
export async function markNotificationsRead(
  ctx: UseCaseContext,
  input: { organizationId: string; notificationIds?: string[] },
) {
  const { actor } = authorize(
    ctx.actor,
    "organization.read",
    { kind: "organization", organizationId: input.organizationId },
    "Organisation",
  );
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
