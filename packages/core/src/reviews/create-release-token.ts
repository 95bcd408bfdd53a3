import { randomBytes } from "node:crypto";
import type { TokenScope } from "@conductor/db/enums";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import { hashOf, manage, PREFIX } from "./release-tokens";

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
    // Which token and for what; the secret, its hash and its prefix stay out of the trail.
    await appendAuditEvent(tx, {
      organizationId: input.organizationId,
      kind: "TOKEN_CREATED",
      actorId: actor.userId,
      payload: { tokenId: made.id, name: made.name, scope: made.scope },
    });
    return made;
  });
  return { ...row, token };
}
