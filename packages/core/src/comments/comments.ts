import type { Prisma } from "@conductor/db";
import type { Actor } from "../actor";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { notFound } from "../errors";
import { authorizeCommunication, can } from "../policies";
import type { Mentions } from "./mentions";

export const threadInclude = {
  author: { select: { id: true, name: true } },
  resolvedBy: { select: { id: true, name: true } },
  comments: {
    orderBy: { createdAt: "asc" },
    include: { author: { select: { id: true, name: true } } },
  },
} satisfies Prisma.CommentThreadInclude;

type ThreadRow = Prisma.CommentThreadGetPayload<{ include: typeof threadInclude }>;

export const commentResource = (communication: LoadedCommunication, authorId: string) => ({
  kind: "comment" as const,
  organizationId: communication.organizationId,
  ownerId: communication.ownerId,
  authorId,
});

/** A thread as the side panel shows it, with what this reader may do to it. */
export function present(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  thread: ThreadRow,
) {
  return {
    id: thread.id,
    subject: thread.subject,
    quote: thread.quote,
    author: thread.author,
    createdAt: thread.createdAt,
    resolved: thread.resolvedAt !== null,
    resolvedAt: thread.resolvedAt,
    resolvedBy: thread.resolvedBy,
    canResolve: can(ctx.actor, "comment.resolve", commentResource(communication, thread.authorId)),
    comments: thread.comments.map((comment) => ({
      id: comment.id,
      author: comment.author,
      body: comment.body,
      createdAt: comment.createdAt,
      editedAt: comment.editedAt,
      mentionedFunctions: comment.mentionedFunctions,
      canEdit: can(ctx.actor, "comment.edit", commentResource(communication, comment.authorId)),
    })),
  };
}

export type CommentThreadView = ReturnType<typeof present>;

export async function listThreads(ctx: UseCaseContext, communication: LoadedCommunication) {
  const threads = await ctx.db.commentThread.findMany({
    where: { communicationId: communication.id },
    include: threadInclude,
    orderBy: { createdAt: "asc" },
  });
  return threads.map((thread) => present(ctx, communication, thread));
}

/**
 * What posting did with the comment's @handles: who was notified (for the
 * live screens of those people) and which handles matched nobody (for the
 * person posting, instead of silently notifying no one).
 */
export const mentionOutcome = (actor: Actor, mentions: Mentions) => ({
  notifiedUserIds: mentions.recipientIds.filter((id) => id !== actor.userId),
  unknownHandles: mentions.unknownHandles,
});

/** Writes a comment and, in the same transaction, a notification per person mentioned. */
export async function writeComment(
  actor: Actor,
  tx: Prisma.TransactionClient,
  communication: LoadedCommunication,
  threadId: string,
  body: string,
  mentions: Mentions,
) {
  const comment = await tx.comment.create({
    data: {
      threadId,
      authorId: actor.userId,
      body,
      mentionedFunctions: mentions.functions,
      mentionedUserIds: mentions.userIds,
    },
  });
  const recipients = mentionOutcome(actor, mentions).notifiedUserIds;
  if (recipients.length > 0) {
    await tx.notification.createMany({
      data: recipients.map((userId) => ({
        organizationId: communication.organizationId,
        userId,
        kind: "MENTION" as const,
        communicationId: communication.id,
        threadId,
        actorName: actor.name,
        excerpt: body.length > 200 ? `${body.slice(0, 199)}…` : body,
      })),
    });
  }
  return comment;
}

export async function loadThread(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  threadId: string,
) {
  const thread = await ctx.db.commentThread.findFirst({
    where: { id: threadId, communicationId: communication.id },
    include: threadInclude,
  });
  if (!thread) throw notFound("Comment thread");
  return thread;
}

/**
 * A thread the actor opened on this communication (for anchoring it in the
 * document on their behalf); anything else is "not found".
 */
export async function loadOwnThread(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  threadId: string,
) {
  // Commenting is an act on the communication: there is no author yet to check.
  const { actor } = authorizeCommunication(ctx, "comment.create", communication);
  const thread = await ctx.db.commentThread.findFirst({
    // Only a thread on the text has a place in the document.
    where: {
      id: threadId,
      communicationId: communication.id,
      authorId: actor.userId,
      subject: "TEXT",
    },
    select: { id: true },
  });
  if (!thread) throw notFound("Comment thread");
  return thread;
}
