import { createHash } from "node:crypto";
import type { Prisma } from "@conductor/db";
import type { TokenScope } from "@conductor/db/enums";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorizeInOrganization } from "../policies";

export const PREFIX = "cdr_";
export const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

/** Tokens are an admin's to make, see and revoke. */
export const manage = (ctx: UseCaseContext, organizationId: string) =>
  authorizeInOrganization(ctx, "member.manage", organizationId);

/**
 * A token made or revoked, in the trail: which token and for what. The
 * secret, its hash and its prefix stay out.
 */
export const auditToken = (
  tx: Prisma.TransactionClient,
  kind: "TOKEN_CREATED" | "TOKEN_REVOKED",
  actorId: string,
  token: { id: string; organizationId: string; name: string; scope: TokenScope },
) =>
  appendAuditEvent(tx, {
    organizationId: token.organizationId,
    kind,
    actorId,
    payload: { tokenId: token.id, name: token.name, scope: token.scope },
  });

/** What an admin sees of a token; its hash never leaves the server. */
export const shownToken = {
  id: true,
  name: true,
  scope: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export async function listReleaseTokens(ctx: UseCaseContext, organizationId: string) {
  manage(ctx, organizationId);
  return ctx.db.releaseToken.findMany({
    where: { organizationId },
    orderBy: { createdAt: "desc" },
    select: shownToken,
  });
}

const scopeWords: Record<TokenScope, string> = {
  RELEASES: "recording releases",
  CALL_VOLUME: "sending call volume",
};

/**
 * The token's row, if it is live and made for this purpose; its last use is
 * stamped. Refusals say which: missing, revoked, or for something else.
 */
export async function authenticateToken(
  db: UseCaseContext["db"],
  token: string | null,
  scope: TokenScope,
) {
  const row = token?.startsWith(PREFIX)
    ? await db.releaseToken.findUnique({ where: { tokenHash: hashOf(token) } })
    : null;
  if (!row || row.revokedAt)
    throw new AppError(
      "UNAUTHENTICATED",
      row
        ? "This token was revoked"
        : `A valid token for ${scopeWords[scope]} is required (Authorization: Bearer cdr_…)`,
    );
  if (row.scope !== scope)
    throw new AppError(
      "FORBIDDEN",
      `This token is for ${scopeWords[row.scope]}, not for ${scopeWords[scope]}`,
    );
  await db.releaseToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return row;
}
