import type { Prisma } from "@conductor/db";
import type { NotificationKind, ReviewFunction } from "@conductor/db/enums";
import { enqueueWebhookEvent } from "../webhooks/enqueue";
import type { StageRule } from "./workflow";

interface About {
  organizationId: string;
  communicationId: string;
  actorId: string;
  actorName: string;
  excerpt: string;
}

/** Notification excerpts are kept to what the list has room for. */
export const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

/**
 * One notification per person (never to the person who caused it), and the
 * organisation's webhooks for the review steps they asked for: every review
 * step notifies through here, in its own transaction.
 */
export async function notifyPeople(
  tx: Prisma.TransactionClient,
  userIds: Iterable<string>,
  kind: NotificationKind,
  about: About,
) {
  await enqueueWebhookEvent(tx, kind, about);
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
  return stage.functions.flatMap((fn) => {
    const people = named[fn];
    return people?.length
      ? people
      : members.filter((m) => m.functions.includes(fn)).map((m) => m.userId);
  });
}

/** The organisation's comms managers, who release. */
export async function commsManagers(tx: Prisma.TransactionClient, organizationId: string) {
  const rows = await tx.membership.findMany({
    where: { organizationId, roles: { has: "COMMS_MANAGER" } },
    select: { userId: true },
  });
  return rows.map((r) => r.userId);
}
