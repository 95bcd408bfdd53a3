import { createReleaseToken, listReleaseTokens, revokeReleaseToken } from "@conductor/core";
import {
  createReleaseTokenSchema,
  organizationScopeSchema,
  revokeReleaseTokenSchema,
} from "@conductor/core/schemas";
import { protectedProcedure, router } from "../trpc";

// Tokens a sending system uses to record releases (admins manage them).
export const releaseTokensRouter = router({
  list: protectedProcedure
    .input(organizationScopeSchema)
    .query(({ ctx, input }) => listReleaseTokens(ctx, input.organizationId)),
  create: protectedProcedure
    .input(createReleaseTokenSchema)
    .mutation(({ ctx, input }) => createReleaseToken(ctx, input)),
  revoke: protectedProcedure
    .input(revokeReleaseTokenSchema)
    .mutation(({ ctx, input }) => revokeReleaseToken(ctx, input)),
});
