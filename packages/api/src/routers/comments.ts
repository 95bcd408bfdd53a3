import {
  editComment,
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
import { communicationProcedure, router } from "../trpc";

export const commentsRouter = router({
  list: communicationProcedure.query(({ ctx }) => listThreads(ctx, ctx.communication)),
  start: communicationProcedure
    .input(startThreadSchema)
    .mutation(({ ctx, input }) => startThread(ctx, ctx.communication, input)),
  reply: communicationProcedure
    .input(replySchema)
    .mutation(({ ctx, input }) => replyToThread(ctx, ctx.communication, input)),
  edit: communicationProcedure
    .input(editCommentSchema)
    .mutation(({ ctx, input }) => editComment(ctx, ctx.communication, input)),
  resolve: communicationProcedure
    .input(resolveThreadSchema)
    .mutation(({ ctx, input }) => setThreadResolved(ctx, ctx.communication, input)),
});
