import { compareVersions, listVersions, versionContent } from "@conductor/core";
import { compareVersionsSchema } from "@conductor/core/schemas";
import { z } from "zod";
import { communicationProcedure, router } from "../trpc";

// Versions are saved and restored through the collaboration server, which
// holds the live document (see apps/collab versions); here they are read.
export const versionsRouter = router({
  list: communicationProcedure.query(({ ctx }) => listVersions(ctx, ctx.communication)),
  content: communicationProcedure
    .input(z.object({ versionId: z.string().min(1) }))
    .query(({ ctx, input }) => versionContent(ctx, ctx.communication, input.versionId)),
  compare: communicationProcedure
    .input(compareVersionsSchema)
    .query(({ ctx, input }) => compareVersions(ctx, ctx.communication, input)),
});
