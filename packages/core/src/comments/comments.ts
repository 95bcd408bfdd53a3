import type { Prisma } from "@conductor/db";
import type { z } from "zod";
import type { LoadedCommunication } from "../communications/communications";
import type { Actor } from "../actor";
import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import { authorize, can } from "../policies";
import type {
  editCommentSchema,
  replySchema,
  resolveThreadSchema,
  startThreadSchema,
} from "../schemas";
import { type Mentions, resolveMentions } from "./mentions";

const threadInclude = {
  author: { select: { id: true, name: true } },
  resolvedBy: { select: { id: true, name: true } },
  comments: {
    orderBy: { createdAt: "asc" },
    include: { author: { select: { id: true, name: true } } },
  },
} satisfies Prisma.CommentThreadInclude;

type ThreadRow = Prisma.CommentThreadGetPayload<{ include: typeof threadInclude }>;

const commentResource = (communication: LoadedCommunication, authorId: string) => ({
  kind: "comment" as const,
  organizationId: communication.organizationId,
  ownerId: communication.ownerId,
  authorId,
});

/** A thread as the side panel shows it, with what this reader may do to it. */
function present(ctx: UseCaseContext, communication: LoadedCommunication, thread: ThreadRow) {
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

/** Writes a comment and, in the same transaction, a notification per person mentioned. */
async function writeComment(
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
  const recipients = mentions.recipientIds.filter((id) => id !== actor.userId);
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

async function loadThread(
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
 * Opens a thread on the selected text (the browser then puts a comment mark
 * with the returned id on that text in the shared document) or on a part of
 * the brief. Anyone who can read may comment, so a reviewer who may not
 * change the brief says what should change here.
 */
export async function startThread(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof startThreadSchema>,
) {
  const { actor } = authorize(
    ctx.actor,
    "comment.create",
    commentResource(communication, ctx.actor?.userId ?? ""),
    "Communication",
  );
  // Read before the transaction: embedded PGlite has one connection.
  const mentions = await resolveMentions(ctx.db, communication.organizationId, input.body);
  const threadId = await ctx.db.$transaction(async (tx) => {
    const thread = await tx.commentThread.create({
      data: {
        organizationId: communication.organizationId,
        communicationId: communication.id,
        authorId: actor.userId,
        subject: input.subject,
        quote: input.quote,
      },
    });
    await writeComment(actor, tx, communication, thread.id, input.body, mentions);
    return thread.id;
  });
  return present(ctx, communication, await loadThread(ctx, communication, threadId));
}

export async function replyToThread(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof replySchema>,
) {
  const { actor } = authorize(
    ctx.actor,
    "comment.create",
    commentResource(communication, ctx.actor?.userId ?? ""),
    "Communication",
  );
  await loadThread(ctx, communication, input.threadId);
  const mentions = await resolveMentions(ctx.db, communication.organizationId, input.body);
  await ctx.db.$transaction((tx) =>
    writeComment(actor, tx, communication, input.threadId, input.body, mentions),
  );
  return present(ctx, communication, await loadThread(ctx, communication, input.threadId));
}

export async function editComment(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof editCommentSchema>,
) {
  const comment = await ctx.db.comment.findFirst({
    where: { id: input.commentId, thread: { communicationId: communication.id } },
  });
  if (!comment) throw notFound("Comment");
  authorize(ctx.actor, "comment.edit", commentResource(communication, comment.authorId), "Comment");
  await ctx.db.comment.update({
    where: { id: comment.id },
    data: { body: input.body, editedAt: new Date() },
  });
  return present(ctx, communication, await loadThread(ctx, communication, comment.threadId));
}

export async function setThreadResolved(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof resolveThreadSchema>,
) {
  const thread = await loadThread(ctx, communication, input.threadId);
  const { actor } = authorize(
    ctx.actor,
    "comment.resolve",
    commentResource(communication, thread.authorId),
    "Comment thread",
  );
  if ((thread.resolvedAt !== null) === input.resolved) {
    throw new AppError(
      "CONFLICT",
      input.resolved ? "This thread is already resolved" : "This thread is already open",
    );
  }
  await ctx.db.commentThread.update({
    where: { id: thread.id },
    data: input.resolved
      ? { resolvedAt: new Date(), resolvedById: actor.userId }
      : { resolvedAt: null, resolvedById: null },
  });
  return present(ctx, communication, await loadThread(ctx, communication, thread.id));
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
  const { actor } = authorize(
    ctx.actor,
    "comment.create",
    commentResource(communication, ctx.actor?.userId ?? ""),
    "Communication",
  );
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
