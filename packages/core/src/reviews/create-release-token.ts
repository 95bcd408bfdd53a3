import { randomBytes } from "node:crypto";
import type { TokenScope } from "@conductor/db/enums";
import type { UseCaseContext } from "../context";
import { auditToken, hashOf, manage, PREFIX } from "./release-tokens";

/**
 * An admin makes a token for another system — a sending system recording
 * releases, or the contact centre's nightly call-volume feed; the token
 * itself is returned this once.
 */
export async function createReleaseToken(
  ctx: UseCaseContext,
  input: { organizationId: string; name: string; scope?: TokenScope },
) {
  const { actor } = manage(ctx, input.organizationId);
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const row = await ctx.db.$transaction(async (tx) => {
    const made = await tx.releaseToken.create({
      data: {
        organizationId: input.organizationId,
        name: input.name,
        scope: input.scope ?? "RELEASES",
        tokenHash: hashOf(token),
        prefix: token.slice(0, PREFIX.length + 6),
        createdById: actor.userId,
      },
      select: { id: true, name: true, scope: true, prefix: true, createdAt: true },
    });
    await auditToken(tx, "TOKEN_CREATED", actor.userId, {
      ...made,
      organizationId: input.organizationId,
    });
    return made;
  });
  return { ...row, token };
}
