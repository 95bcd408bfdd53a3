import { Prisma } from "@conductor/db";
import type { NotificationKind, ReviewFunction } from "@conductor/db/enums";
import { isWebhookEvent } from "../webhooks/enqueue";
import type { StageRule } from "./workflow";

export interface About {
  organizationId: string;
  communicationId: string;
  actorId: string;
  actorName: string;
  excerpt: string;
}

/**
 * Who a notification goes to: people named by id, and members the database
 * finds in the same statement that writes the rows (so a review step does not
 * read the memberships first and send them back).
 */
export interface Recipients {
  userIds?: Iterable<string>;
  /** The organisation's comms managers, who release. */
  commsManagers?: boolean;
  /** Every member of these review functions (a stage's functions nobody was named for). */
  functions?: readonly ReviewFunction[];
}

/** Notification excerpts are kept to what the list has room for. */
export const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);

/** A webhook delivery keeps more of the excerpt than the list shows. */
const webhookExcerpt = (text: string) => text.slice(0, 500);

const isIdList = (to: Iterable<string> | Recipients): to is Iterable<string> =>
  Symbol.iterator in to;

/**
 * One notification per person (never to the person who caused it), and the
 * organisation's webhooks for the review steps they asked for: every review
 * step notifies through here, in its own transaction.
 *
 * One statement, whoever the recipients and however many webhooks: the
 * webhook deliveries, the members a stage or release waits on and the
 * notification rows (the mail relay's outbox) are found and written by one
 * INSERT … SELECT with the webhook INSERT in a CTE (PostgreSQL runs a
 * data-modifying CTE once whether or not the main statement reads it). It
 * was a read of the webhooks, a read of the memberships, then one or two
 * INSERTs: up to four round trips while the decision holds its review lock.
 *
 * Lists are JSON text, not array parameters, because the embedded
 * database's adapter sends array parameters as plain text ("malformed array
 * literal"); timestamps are stored as UTC without a zone, as Prisma's
 * DateTime writes them.
 */
export async function notifyPeople(
  tx: Prisma.TransactionClient,
  to: Iterable<string> | Recipients,
  kind: NotificationKind,
  about: About,
) {
  const recipients: Recipients = isIdList(to) ? { userIds: to } : to;
  const named = notificationRecipients(recipients.userIds ?? [], about.actorId);
  const functions = [...new Set(recipients.functions ?? [])];
  const memberConditions: Prisma.Sql[] = [];
  if (recipients.commsManagers) memberConditions.push(Prisma.sql`'COMMS_MANAGER' = ANY("roles")`);
  if (functions.length > 0)
    memberConditions.push(
      Prisma.sql`"functions" && ARRAY(
        SELECT jsonb_array_elements_text(${JSON.stringify(functions)}::jsonb)
      )::"ReviewFunction"[]`,
    );
  const event = isWebhookEvent(kind) ? kind : null;
  if (named.length === 0 && memberConditions.length === 0 && !event) return;
  const now = Prisma.sql`${new Date().toISOString()}::timestamptz AT TIME ZONE 'UTC'`;
  const webhookDeliveries = event
    ? Prisma.sql`"delivery" AS (
        INSERT INTO "WebhookDelivery"
          ("id", "webhookId", "organizationId", "event", "communicationId", "actorName", "excerpt", "createdAt")
        SELECT gen_random_uuid()::text, "id", "organizationId", ${event}::"WebhookEvent",
          ${about.communicationId}, ${about.actorName}, ${webhookExcerpt(about.excerpt)}, ${now}
        FROM "Webhook"
        WHERE "organizationId" = ${about.organizationId} AND "deletedAt" IS NULL
          AND ${event}::"WebhookEvent" = ANY("events")
      ),`
    : Prisma.empty;
  const fromMembers =
    memberConditions.length > 0
      ? Prisma.sql`UNION
        SELECT "userId" FROM "Membership"
        WHERE "organizationId" = ${about.organizationId}
          AND (${Prisma.join(memberConditions, " OR ")})`
      : Prisma.empty;
  await tx.$executeRaw`
    WITH ${webhookDeliveries} "recipient" AS (
      SELECT "userId" FROM jsonb_array_elements_text(${JSON.stringify(named)}::jsonb) AS "named"("userId")
      ${fromMembers}
    )
    INSERT INTO "Notification"
      ("id", "organizationId", "userId", "kind", "communicationId", "actorName", "excerpt", "createdAt")
    SELECT gen_random_uuid()::text, ${about.organizationId}, "userId",
      ${kind}::"NotificationKind", ${about.communicationId}, ${about.actorName},
      ${clip(about.excerpt)}, ${now}
    FROM "recipient"
    WHERE "userId" <> ${about.actorId}`;
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
 * parameters as plain text (see notifyPeople). Timestamps are stored as
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

/**
 * Everyone a stage waits on: the named reviewers of each function, else all
 * its members (found by notifyPeople in its one statement).
 */
export function stageRecipients(
  stage: StageRule,
  named: Partial<Record<ReviewFunction, string[]>>,
): Recipients {
  const unnamed = stage.functions.filter((fn) => !named[fn]?.length);
  return {
    userIds: stage.functions.flatMap((fn) => named[fn] ?? []),
    functions: unnamed,
  };
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
