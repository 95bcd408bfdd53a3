import type { UseCaseContext } from "../context";
import { notFound } from "../errors";
import { auditToken, manage, shownToken } from "./release-tokens";

/** Revokes a token: the system holding it can no longer use it. Revoking twice changes nothing. */
export async function revokeReleaseToken(
  ctx: UseCaseContext,
  input: { organizationId: string; tokenId: string },
) {
  const { actor } = manage(ctx, input.organizationId);
  return ctx.db.$transaction(async (tx) => {
    const token = await tx.releaseToken.findFirst({
      where: { id: input.tokenId, organizationId: input.organizationId },
      select: shownToken,
    });
    if (!token) throw notFound("Release token");
    if (token.revokedAt) return token;
    const revoked = await tx.releaseToken.update({
      where: { id: token.id },
      data: { revokedAt: new Date() },
      select: shownToken,
    });
    await auditToken(tx, "TOKEN_REVOKED", actor.userId, {
      ...token,
      organizationId: input.organizationId,
    });
    return revoked;
  });
}
