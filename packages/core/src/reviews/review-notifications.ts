import type { Prisma } from "@conductor/db";
import type { NotificationKind, ReviewFunction } from "@conductor/db/enums";
import type { UseCaseContext } from "../context";
import type { StageRule } from "./workflow";

interface About {
  organizationId: string;
  communicationId: string;
  actorId: string;
  actorName: string;
  excerpt: string;
}

const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

/** One notification per person (never to the person who caused it). */
export async function notifyPeople(
  tx: Prisma.TransactionClient,
  userIds: Iterable<string>,
  kind: NotificationKind,
  about: About,
) {
  const recipients = [...new Set(userIds)].filter((id) => id !== about.actorId);
  if (recipients.length === 0) return;
  await tx.notification.createMany({
    data: recipients.map((userId) => ({
      organizationId: about.organizationId,
      userId,
      kind,
      communicationId: about.communicationId,
      actorName: about.actorName,
      excerpt: clip(about.excerpt),
    })),
  });
}

/** Everyone a stage waits on: the named reviewers of each function, else all its members. */
export async function stageReviewers(
  tx: Prisma.TransactionClient,
  organizationId: string,
  stage: StageRule,
  named: Partial<Record<ReviewFunction, string[]>>,
) {
  // Filtered here, not with `hasSome`: the embedded database's adapter sends an
  // enum array parameter as plain text ("malformed array literal").
  const members = await tx.membership.findMany({
    where: { organizationId },
    select: { userId: true, functions: true },
  });
  return stage.functions.flatMap((fn) =>
    named[fn]?.length
      ? named[fn]!
      : members.filter((m) => m.functions.includes(fn)).map((m) => m.userId),
  );
}

/** The organisation's comms managers, who release. */
export async function commsManagers(tx: Prisma.TransactionClient, organizationId: string) {
  const rows = await tx.membership.findMany({
    where: { organizationId, roles: { has: "COMMS_MANAGER" } },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}

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
