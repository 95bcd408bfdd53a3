import type { z } from "zod";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { authorizeCommunication } from "../policies";
import type { replySchema } from "../schemas";
import { loadThread, mentionOutcome, present, writeComment } from "./comments";
import { resolveMentions } from "./mentions";

/** Replies to a thread; people mentioned are notified in the same transaction. */
export async function replyToThread(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof replySchema>,
) {
  // Commenting is an act on the communication: there is no author yet to check.
  const { actor } = authorizeCommunication(ctx, "comment.create", communication);
  await loadThread(ctx, communication, input.threadId);
  const mentions = await resolveMentions(ctx.db, communication.organizationId, input.body);
  await ctx.db.$transaction((tx) =>
    writeComment(actor, tx, communication, input.threadId, input.body, mentions),
  );
  return {
    ...present(ctx, communication, await loadThread(ctx, communication, input.threadId)),
    ...mentionOutcome(actor, mentions),
  };
}
