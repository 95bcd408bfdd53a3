import { Prisma } from "@conductor/db";
import type { NotificationKind, ReviewFunction } from "@conductor/db/enums";
import { enqueueWebhookEvent } from "../webhooks/enqueue";

import type { StageRule } from "./workflow";

export interface About {
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
  const recipients = notificationRecipients(userIds, about.actorId);
  if (recipients.length === 0) return;
  await tx.$executeRaw(notificationInsert(recipients, kind, about));
}

/** Each person once, never the one who caused it. */
export const notificationRecipients = (userIds: Iterable<string>, actorId: string) =>
  [...new Set(userIds)].filter((id) => id !== actorId);

/**
 * The INSERT of one notification per recipient (a statement of its own, or
 * a CTE of a larger one, as submission writes it). One row per recipient
 * from one JSON list, not Prisma's createMany: with a stage of 50
 * reviewers, createMany's 50-row query template cost the process about
 * 14 ms of CPU per call (raw: about 1 ms), and while it ran every other
 * transaction holding a pooled connection and the organisation's locks
 * waited on the same thread. The list is JSON text, not an array
 * parameter, because the embedded database's adapter sends array
 * parameters as plain text (see stageReviewers). Timestamps are stored as
 * UTC without a zone, as Prisma's DateTime writes them.
 */
export function notificationInsert(
  recipients: readonly string[],
  kind: NotificationKind,
  about: About,
) {
  return Prisma.sql`
    INSERT INTO "Notification"
      ("id", "organizationId", "userId", "kind", "communicationId", "actorName", "excerpt", "createdAt")
    SELECT gen_random_uuid()::text, ${about.organizationId}, "userId",
      ${kind}::"NotificationKind", ${about.communicationId}, ${about.actorName},
      ${clip(about.excerpt)}, ${new Date().toISOString()}::timestamptz AT TIME ZONE 'UTC'
    FROM jsonb_array_elements_text(${JSON.stringify(recipients)}::jsonb) AS "recipient"("userId")`;
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
  return stageAudience(members, stage, named);
}

/** From the organisation's members: the named reviewers of each function, else all its members. */
export function stageAudience(
  members: readonly { userId: string; functions: readonly ReviewFunction[] }[],
  stage: StageRule,
  named: Partial<Record<ReviewFunction, string[]>>,
) {
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
