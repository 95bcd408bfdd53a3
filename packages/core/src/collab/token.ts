import { createHmac, timingSafeEqual } from "node:crypto";
import type { Database } from "@conductor/db";
import { loadActor } from "../actor";
import { loadCommunication } from "../communications/communications";
import { AppError } from "../errors";
import { can } from "../policies";

export type CollabAccess = "write" | "read";

/** What a collab token says: who, which document, with what access, until when. */
export interface CollabClaims {
  userId: string;
  communicationId: string;
  access: CollabAccess;
  /** Seconds since the epoch. */
  expiresAt: number;
}

/** Tokens only open a connection, so they live a minute. */
export const COLLAB_TOKEN_SECONDS = 60;

const sign = (payload: string, secret: string) =>
  createHmac("sha256", secret).update(payload).digest("base64url");

export function encodeCollabToken(claims: CollabClaims, secret: string): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return `v1.${payload}.${sign(payload, secret)}`;
}

const rejected = (why: string) =>
  new AppError("UNAUTHENTICATED", `Collaboration token rejected: ${why}`);

/** Checks the signature and expiry; says why a token is refused. */
export function decodeCollabToken(token: string, secret: string, now = new Date()): CollabClaims {
  const [version, payload, signature] = token.split(".");
  if (version !== "v1" || !payload || !signature) throw rejected("malformed");
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw rejected("bad signature");
  let claims: CollabClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as CollabClaims;
  } catch {
    throw rejected("malformed");
  }
  if (claims.expiresAt * 1000 < now.getTime()) throw rejected("expired");
  return claims;
}

/**
 * Issues a token for the signed-in actor to open one communication's
 * document. Reading is required; writing follows the edit policy.
 */
export async function issueCollabToken(
  ctx: { db: Database; actor: Parameters<typeof can>[0] },
  communicationId: string,
  secret: string,
  now = new Date(),
) {
  const communication = await loadCommunication(ctx, communicationId);
  const access: CollabAccess = can(ctx.actor, "communication.edit", {
    kind: "communication",
    ...communication,
  })
    ? "write"
    : "read";
  const expiresAt = Math.floor(now.getTime() / 1000) + COLLAB_TOKEN_SECONDS;
  const claims: CollabClaims = { userId: ctx.actor!.userId, communicationId, access, expiresAt };
  return {
    token: encodeCollabToken(claims, secret),
    access,
    expiresAt: new Date(expiresAt * 1000),
  };
}

/**
 * What the collaboration server calls when a client connects: the token must
 * be valid and for this document, and the same policies as the API are
 * checked again against the database now (a membership revoked since the
 * token was issued is refused; lost edit rights mean read-only).
 */
export async function authorizeCollabConnection(
  db: Database,
  input: { token: string; documentName: string; secret: string; now?: Date },
): Promise<{ userId: string; name: string; access: CollabAccess }> {
  const claims = decodeCollabToken(input.token, input.secret, input.now);
  if (claims.communicationId !== input.documentName) throw rejected("issued for another document");
  const actor = await loadActor(db, claims.userId);
  if (!actor) throw rejected("unknown user");
  const communication = await loadCommunication({ db, actor }, claims.communicationId).catch(() => {
    throw rejected("no access to this document");
  });
  const canWrite = can(actor, "communication.edit", { kind: "communication", ...communication });
  return {
    userId: actor.userId,
    name: actor.name,
    access: claims.access === "write" && canWrite ? "write" : "read",
  };
}
