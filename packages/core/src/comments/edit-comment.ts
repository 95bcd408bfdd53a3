import type { z } from "zod";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { notFound } from "../errors";
import { authorize } from "../policies";
import type { editCommentSchema } from "../schemas";
import { commentResource, loadThread, present } from "./comments";

/** Changes a comment's text: only its author may, and it is marked as edited. */
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
