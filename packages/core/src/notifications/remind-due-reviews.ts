import type { Database } from "@conductor/db";
import type { NotificationKind, ReviewFunction } from "@conductor/db/enums";
import { clip } from "../reviews/review-notifications";
import { decisionsOf, namedFrom, stateOf } from "../reviews/store";
import { functionsAwaiting } from "../reviews/workflow";
import { reviewStagesSchema } from "../schemas";

const DAY = 24 * 60 * 60 * 1000;

/** A review stage is "due soon" this long before its due time. */
export const DUE_SOON_BEFORE_MS = DAY;

/**
 * Due-soon (within a day) and overdue reminders for everyone a review stage
 * still waits on, in every organisation. The job queue runs it every minute,
 * so a reminder comes at its due time, not when someone happens to look.
 * Each is made once (dedupeKey: kind, review, stage, due time, person), so
 * several workers, or a rerun, never repeat one. Returns how many it made.
 */
export async function remindDueReviews(db: Database, now = new Date()) {
  const open = await db.review.findMany({
    where: {
      status: "IN_REVIEW",
      stageDueAt: { not: null, lte: new Date(now.getTime() + DUE_SOON_BEFORE_MS) },
    },
    include: {
      communication: { select: { id: true, title: true, reviewAssignments: true } },
      decisions: { where: { supersededAt: null } },
    },
  });
  if (open.length === 0) return 0;
  const organizationIds = [...new Set(open.map((r) => r.organizationId))];
  const members = await db.membership.findMany({
    where: { organizationId: { in: organizationIds } },
    select: { organizationId: true, userId: true, functions: true },
  });
  const data = open.flatMap((review) => {
    const dueAt = review.stageDueAt;
    const stages = reviewStagesSchema.safeParse(review.stages);
    const stage = stages.success ? stages.data[review.stage] : undefined;
    if (!dueAt || !stages.success || !stage) return [];
    const kind: NotificationKind = dueAt.getTime() <= now.getTime() ? "OVERDUE" : "DUE_SOON";
    const named = namedFrom(review.communication.reviewAssignments);
    const state = stateOf(review);
    const decisions = decisionsOf(review.decisions);
    return members
      .filter((m) => m.organizationId === review.organizationId)
      .filter(
        (m) =>
          functionsAwaiting(
            state,
            stages.data,
            decisions,
            { userId: m.userId, functions: m.functions as ReviewFunction[] },
            named,
          ).length > 0,
      )
      .map((m) => ({
        organizationId: review.organizationId,
        userId: m.userId,
        kind,
        communicationId: review.communication.id,
        actorName: "Conductor",
        excerpt: clip(`${review.communication.title}: ${stage.name}`),
        dedupeKey: `${kind}:${review.id}:${stage.name}:${dueAt.getTime()}:${m.userId}`,
      }));
  });
  if (data.length === 0) return 0;
  const { count } = await db.notification.createMany({ data, skipDuplicates: true });
  return count;
}
