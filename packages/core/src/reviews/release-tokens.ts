import { createHash, randomBytes } from "node:crypto";
import type { z } from "zod";
import type { TokenScope } from "@conductor/db/enums";
import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import { authorize } from "../policies";
import type { releaseByTokenSchema } from "../schemas";
import { recordRelease } from "./reviews";

const PREFIX = "cdr_";
const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");

const manage = (ctx: UseCaseContext, organizationId: string) =>
  authorize(ctx.actor, "member.manage", { kind: "organization", organizationId }, "Organisation");

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
  const row = await ctx.db.releaseToken.create({
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
  return { ...row, token };
}

export async function listReleaseTokens(ctx: UseCaseContext, organizationId: string) {
  manage(ctx, organizationId);
  return ctx.db.releaseToken.findMany({
    where: { organizationId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      scope: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
  });
}

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

/**
 * The sending system records a release with its token: the communication's
 * approved review is released, exactly as a comms manager's release would
 * be (locked, audited, notified), with the token named as who did it.
 */
export async function releaseByToken(
  db: UseCaseContext["db"],
  token: string | null,
  input: z.output<typeof releaseByTokenSchema>,
) {
  const row = await authenticateToken(db, token, "RELEASES");
  const communication = await db.communication.findFirst({
    where: { id: input.communicationId, organizationId: row.organizationId },
    select: { id: true, organizationId: true, ownerId: true, title: true },
  });
  if (!communication) throw notFound("Communication");
  const review = await db.review.findFirst({
    where: { communicationId: communication.id },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (!review)
    throw new AppError(
      "CONFLICT",
      "This communication has not been reviewed",
      undefined,
      "NOT_APPROVED",
    );
  return recordRelease(db, communication, review.id, input, {
    kind: "token",
    tokenId: row.id,
    name: row.name,
  });
}
