import type { UseCaseContext } from "../context";
import { notFound } from "../errors";
import { manage } from "./release-tokens";

/** Revokes a token: the system holding it can no longer use it. Revoking twice changes nothing. */
export async function revokeReleaseToken(
  ctx: UseCaseContext,
  input: { organizationId: string; tokenId: string },
) {
  manage(ctx, input.organizationId);
  const token = await ctx.db.releaseToken.findFirst({
    where: { id: input.tokenId, organizationId: input.organizationId },
  });
  if (!token) throw notFound("Release token");
  if (token.revokedAt) return token;
  return ctx.db.releaseToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
}
