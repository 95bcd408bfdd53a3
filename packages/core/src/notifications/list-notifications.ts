import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import { myReviews } from "../reviews/my-reviews";
import { remindDueReviews } from "./remind-due-reviews";

/** The signed-in person's notifications in one organisation, unread first, newest first. */
export async function listNotifications(ctx: UseCaseContext, organizationId: string) {
  const { actor } = authorizeInOrganization(ctx, "organization.read", organizationId);
  // Reminders for reviews waiting on me are made when I look.
  await remindDueReviews(
    ctx.db,
    actor.userId,
    organizationId,
    await myReviews(ctx, organizationId),
  );
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
