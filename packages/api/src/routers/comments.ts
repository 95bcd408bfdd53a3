import {
  editComment,
  listMentionables,
  listThreads,
  replyToThread,
  setThreadResolved,
  startThread,
} from "@conductor/core";
import {
  editCommentSchema,
  replySchema,
  resolveThreadSchema,
  startThreadSchema,
} from "@conductor/core/schemas";
import type { ApiContext } from "../context";
import { communicationProcedure, router } from "../trpc";

/**
 * After a comment commits: the people it notified get a live nudge to
 * refetch their notifications; the poster gets the thread and the handles
 * that matched nobody, never the list of who was notified.
 */
async function announceMentions<T extends { notifiedUserIds: string[] }>(
  ctx: ApiContext,
  organizationId: string,
  posted: T,
) {
  const { notifiedUserIds, ...thread } = posted;
  if (notifiedUserIds.length > 0)
    await ctx.live.publish({ kind: "notification", organizationId, userIds: notifiedUserIds });
  return thread;
}

export const commentsRouter = router({
  list: communicationProcedure.query(({ ctx }) => listThreads(ctx, ctx.communication)),
  /** The organisation's functions and people a comment can @mention. */
  mentionables: communicationProcedure.query(({ ctx }) => listMentionables(ctx, ctx.communication)),
  start: communicationProcedure
    .input(startThreadSchema)
    .mutation(async ({ ctx, input }) =>
      announceMentions(
        ctx,
        ctx.communication.organizationId,
        await startThread(ctx, ctx.communication, input),
      ),
    ),
  reply: communicationProcedure
    .input(replySchema)
    .mutation(async ({ ctx, input }) =>
      announceMentions(
        ctx,
        ctx.communication.organizationId,
        await replyToThread(ctx, ctx.communication, input),
      ),
    ),
  edit: communicationProcedure
    .input(editCommentSchema)
    .mutation(({ ctx, input }) => editComment(ctx, ctx.communication, input)),
  resolve: communicationProcedure
    .input(resolveThreadSchema)
    .mutation(({ ctx, input }) => setThreadResolved(ctx, ctx.communication, input)),
});
