import { createHmac, timingSafeEqual } from "node:crypto";

/** Header names of a delivery; the receiver checks both. */
export const SIGNATURE_HEADER = "x-conductor-signature";
export const TIMESTAMP_HEADER = "x-conductor-timestamp";

/**
 * `v1=` + hex HMAC-SHA256, keyed by the webhook's secret, of
 * "<timestamp>.<body>": the timestamp (Unix seconds) is signed with the
 * body, so a receiver that refuses old timestamps cannot be replayed to.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** The receiver's check, as a reference (and for the tests): signature and age. */
export function verifyWebhook(
  secret: string,
  headers: { signature: string; timestamp: string },
  body: string,
  options: { now?: number; toleranceSeconds?: number } = {},
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp)) return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
