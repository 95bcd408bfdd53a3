import type { NotificationKind } from "@conductor/db/enums";
import type { UseCaseContext } from "../context";
import { clip } from "../reviews/review-notifications";

const DAY = 24 * 60 * 60 * 1000;

/**
 * Due-soon (within a day) and overdue reminders for what waits on me, made
 * when I look at my notifications; each is made once (dedupeKey), so a
 * reminder does not repeat for the same stage and due time.
 */
export async function remindDueReviews(
  db: UseCaseContext["db"],
  userId: string,
  organizationId: string,
  waiting: {
    reviewId: string;
    communication: { id: string; title: string };
    stageName: string;
    dueAt: Date | null;
  }[],
) {
  const now = Date.now();
  const data = waiting.flatMap((item) => {
    if (!item.dueAt) return [];
    const left = item.dueAt.getTime() - now;
    const kind: NotificationKind | null = left < 0 ? "OVERDUE" : left < DAY ? "DUE_SOON" : null;
    if (!kind) return [];
    return [
      {
        organizationId,
        userId,
        kind,
        communicationId: item.communication.id,
        actorName: "Conductor",
        excerpt: clip(`${item.communication.title}: ${item.stageName}`),
        dedupeKey: `${kind}:${item.reviewId}:${item.stageName}:${item.dueAt.getTime()}:${userId}`,
      },
    ];
  });
  if (data.length) await db.notification.createMany({ data, skipDuplicates: true });
}
