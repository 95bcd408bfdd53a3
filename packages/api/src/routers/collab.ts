import { issueCollabToken } from "@conductor/core";
import { communicationProcedure, router } from "../trpc";

export const collabRouter = router({
  /** A one-minute token to open this communication's shared document (write or read-only). */
  token: communicationProcedure.mutation(({ ctx, input }) =>
    issueCollabToken(ctx, input.communicationId, ctx.collabSecret),
  ),
});
