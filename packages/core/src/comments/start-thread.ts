import type { z } from "zod";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { authorizeCommunication } from "../policies";
import type { startThreadSchema } from "../schemas";
import { loadThread, mentionOutcome, present, writeComment } from "./comments";
import { resolveMentions } from "./mentions";

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
  // Commenting is an act on the communication: there is no author yet to check.
  const { actor } = authorizeCommunication(ctx, "comment.create", communication);
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
  return {
    ...present(ctx, communication, await loadThread(ctx, communication, threadId)),
    ...mentionOutcome(actor, mentions),
  };
}
