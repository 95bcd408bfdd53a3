import { createHmac, timingSafeEqual } from "node:crypto";
import type { Database } from "@conductor/db";
import { requestIdHeaders } from "@conductor/ops";
import { loadActor } from "../actor";
import { loadCommunication } from "../communications/communications";
import { AppError } from "../errors";
import { authorizeCommunication, can } from "../policies";

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
  // loadCommunication has checked reading; this names the actor it proved.
  const { actor } = authorizeCommunication(ctx, "communication.read", communication);
  const access: CollabAccess = can(actor, "communication.edit", {
    kind: "communication",
    ...communication,
  })
    ? "write"
    : "read";
  const expiresAt = Math.floor(now.getTime() / 1000) + COLLAB_TOKEN_SECONDS;
  const claims: CollabClaims = { userId: actor.userId, communicationId, access, expiresAt };
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
  const current = await currentCollabAccess(db, claims.userId, claims.communicationId);
  if (!current) throw rejected("no access to this document");
  return {
    ...current,
    access: claims.access === "write" && current.access === "write" ? "write" : "read",
  };
}

/**
 * What the policies allow this person on this document now, or null for no
 * access (unknown user, revoked membership, another organisation).
 */
export async function currentCollabAccess(
  db: Database,
  userId: string,
  communicationId: string,
): Promise<{ userId: string; name: string; access: CollabAccess } | null> {
  const actor = await loadActor(db, userId);
  if (!actor) return null;
  const communication = await loadCommunication({ db, actor }, communicationId).catch(() => null);
  if (!communication) return null;
  const canWrite = can(actor, "communication.edit", { kind: "communication", ...communication });
  return { userId: actor.userId, name: actor.name, access: canWrite ? "write" : "read" };
}

/**
 * The web app tells the collaboration servers that someone's access changed
 * (membership removed or functions changed) with a body signed by the same key.
 */
export interface AccessChange {
  userId: string;
  organizationId: string;
}

export function signAccessChange(change: AccessChange, secret: string) {
  const body = JSON.stringify(change);
  return { body, signature: sign(body, secret) };
}

export function verifyAccessChange(body: string, signature: string, secret: string): AccessChange {
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new AppError("UNAUTHENTICATED", "Access change refused: bad signature");
  const parsed = JSON.parse(body) as Partial<AccessChange>;
  if (typeof parsed.userId !== "string" || typeof parsed.organizationId !== "string")
    throw new AppError(
      "INVALID_INPUT",
      "Access change refused: userId and organizationId are required",
    );
  return { userId: parsed.userId, organizationId: parsed.organizationId };
}

/** Where a collaboration server listens for access changes (see apps/collab access signals). */
export const ACCESS_CHANGED_PATH = "/access-changed";

/** Tells the collaboration server that someone's access changed, signed with the collab key. */
export function postAccessChange(baseUrl: string, change: AccessChange, secret: string) {
  return postSigned(new URL(ACCESS_CHANGED_PATH, baseUrl), signAccessChange(change, secret));
}

/**
 * The web app tells the collaboration servers that whether someone may edit
 * a communication directly (rather than only suggest) may have changed: its
 * review opened or closed (`communicationId`), or the organisation's review
 * settings changed (`communicationId` null: every communication in it). The
 * servers remember that answer per connection and forget it on this signal.
 */
export interface ReviewStateChange {
  organizationId: string;
  communicationId: string | null;
}

/** Where a collaboration server listens for review state changes. */
export const REVIEW_CHANGED_PATH = "/review-changed";

export function signReviewChange(change: ReviewStateChange, secret: string) {
  // The kind keeps one signed body from being replayed as the other signal.
  const body = JSON.stringify({ kind: "review", ...change });
  return { body, signature: sign(body, secret) };
}

export function verifyReviewChange(
  body: string,
  signature: string,
  secret: string,
): ReviewStateChange {
  verifySignature(body, signature, secret, "Review change refused: bad signature");
  const parsed = parseObject(body, "Review change refused: the body must be JSON");
  const { kind, organizationId, communicationId } = parsed as Record<string, unknown>;
  if (
    kind !== "review" ||
    typeof organizationId !== "string" ||
    !(communicationId === null || typeof communicationId === "string")
  )
    throw new AppError(
      "INVALID_INPUT",
      "Review change refused: kind, organizationId and communicationId are required",
    );
  return { organizationId, communicationId };
}

/** Tells the collaboration server that a review opened, closed or its organisation's settings changed. */
export function postReviewChange(baseUrl: string, change: ReviewStateChange, secret: string) {
  return postSigned(new URL(REVIEW_CHANGED_PATH, baseUrl), signReviewChange(change, secret));
}

function verifySignature(body: string, signature: string, secret: string, refusal: string) {
  const expected = Buffer.from(sign(body, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new AppError("UNAUTHENTICATED", refusal);
}

function parseObject(body: string, refusal: string): object {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new AppError("INVALID_INPUT", refusal);
  }
  if (typeof parsed !== "object" || parsed === null) throw new AppError("INVALID_INPUT", refusal);
  return parsed;
}

async function postSigned(url: URL, { body, signature }: { body: string; signature: string }) {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-conductor-signature": signature,
      // The web request that made the change: collab logs under the same id.
      ...requestIdHeaders(),
    },
    body,
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`collab answered ${response.status}: ${await response.text()}`);
}
