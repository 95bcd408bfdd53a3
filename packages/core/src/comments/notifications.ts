import type { UseCaseContext } from "../context";
import { authorize } from "../policies";
import { remindDueReviews } from "../reviews/review-notifications";
import { myReviews } from "../reviews/reviews";

/** The signed-in person's notifications in one organisation, unread first, newest first. */
export async function listNotifications(ctx: UseCaseContext, organizationId: string) {
  authorize(
    ctx.actor,
    "organization.read",
    { kind: "organization", organizationId },
    "Organisation",
  );
  // Reminders for reviews waiting on me are made when I look.
  await remindDueReviews(ctx, organizationId, await myReviews(ctx, organizationId));
  const where = { userId: ctx.actor!.userId, organizationId };
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

/** Marks some (or all) of the person's own notifications read; others' are untouched. */
export async function markNotificationsRead(
  ctx: UseCaseContext,
  input: { organizationId: string; notificationIds?: string[] },
) {
  authorize(
    ctx.actor,
    "organization.read",
    { kind: "organization", organizationId: input.organizationId },
    "Organisation",
  );
  const { count } = await ctx.db.notification.updateMany({
    where: {
      userId: ctx.actor!.userId,
      organizationId: input.organizationId,
      readAt: null,
      ...(input.notificationIds ? { id: { in: input.notificationIds } } : {}),
    },
    data: { readAt: new Date() },
  });
  return { marked: count };
}
