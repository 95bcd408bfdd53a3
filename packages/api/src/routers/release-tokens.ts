import { createReleaseToken, listReleaseTokens, revokeReleaseToken } from "@conductor/core";
import { createReleaseTokenSchema, revokeReleaseTokenSchema } from "@conductor/core/schemas";
import { organizationQuery, useCaseMutation } from "../procedures";
import { router } from "../trpc";

// Tokens a sending system uses to record releases (admins manage them).
export const releaseTokensRouter = router({
  list: organizationQuery(listReleaseTokens),
  create: useCaseMutation(createReleaseTokenSchema, createReleaseToken),
  revoke: useCaseMutation(revokeReleaseTokenSchema, revokeReleaseToken),
});
