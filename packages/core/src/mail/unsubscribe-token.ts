import { createHmac, timingSafeEqual } from "node:crypto";
import type { NotificationKind } from "@conductor/db/enums";
import { NotificationKind as Kinds } from "@conductor/db/enums";
import { AppError } from "../errors";

/** An old mail's link keeps working this long; after it, Settings still does. */
export const UNSUBSCRIBE_LINK_DAYS = 180;

export interface UnsubscribeClaim {
  userId: string;
  organizationId: string;
  /** DIGEST: every kind the person gets as a daily digest. */
  kind: NotificationKind | "DIGEST";
}

/** Key for unsubscribe links: derived from the auth secret, never the secret itself. */
const keyFor = (authSecret: string) =>
  createHmac("sha256", authSecret).update("conductor-unsubscribe-link").digest();

const sign = (authSecret: string, body: string) =>
  createHmac("sha256", keyFor(authSecret)).update(body).digest("base64url");

/** A token that turns one kind of mail off for one person in one organisation. */
export function unsubscribeToken(
  claim: UnsubscribeClaim,
  authSecret: string,
  now = new Date(),
): string {
  const expires = Math.floor(now.getTime() / 1000) + UNSUBSCRIBE_LINK_DAYS * 24 * 3600;
  const body = Buffer.from(
    JSON.stringify([claim.userId, claim.organizationId, claim.kind, expires]),
  ).toString("base64url");
  return `${body}.${sign(authSecret, body)}`;
}

const refused = (why: string) => new AppError("INVALID_INPUT", `This unsubscribe link ${why}`);

/** The claim of a token this app signed and that has not expired; refuses anything else. */
export function readUnsubscribeToken(
  token: string,
  authSecret: string,
  now = new Date(),
): UnsubscribeClaim {
  const parts = token.split(".");
  if (token.length > 1000 || parts.length !== 2 || !parts[0] || !parts[1])
    throw refused("is not one Conductor made");
  const [body, signature] = parts as [string, string];
  const expected = Buffer.from(sign(authSecret, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw refused("is not one Conductor made (its signature does not match)");
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    throw refused("is not one Conductor made");
  }
  if (
    !Array.isArray(fields) ||
    fields.length !== 4 ||
    typeof fields[0] !== "string" ||
    typeof fields[1] !== "string" ||
    typeof fields[2] !== "string" ||
    !(fields[2] in Kinds || fields[2] === "DIGEST") ||
    typeof fields[3] !== "number"
  )
    throw refused("is not one Conductor made");
  if (fields[3] * 1000 < now.getTime())
    throw refused("has expired: choose what you get in Settings → Email instead");
  return {
    userId: fields[0],
    organizationId: fields[1],
    kind: fields[2] as UnsubscribeClaim["kind"],
  };
}
