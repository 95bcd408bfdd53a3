import type { z } from "zod";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorize } from "../policies";
import type { resolveThreadSchema } from "../schemas";
import { commentResource, loadThread, present } from "./comments";

/** Resolves a thread or opens it again: its author or the communication's owner may. */
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
