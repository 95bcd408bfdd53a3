import { briefHistory, currentBrief, updateBrief } from "@conductor/core";
import { updateBriefSchema } from "@conductor/core/schemas";
import { communicationProcedure, router } from "../trpc";

export const briefsRouter = router({
  current: communicationProcedure.query(({ ctx }) => currentBrief(ctx, ctx.communication)),
  history: communicationProcedure.query(({ ctx }) => briefHistory(ctx, ctx.communication)),
  update: communicationProcedure
    .input(updateBriefSchema)
    .mutation(({ ctx, input }) => updateBrief(ctx, ctx.communication, input)),
});
