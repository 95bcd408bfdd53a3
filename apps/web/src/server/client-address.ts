// Where a sign-in attempt comes from, as far as this server can tell. A
// client can write any X-Forwarded-For it likes, so that header counts only
// when TRUST_PROXY says how many proxies of ours stand in front; otherwise
// the address of the connection itself is used. Route handlers never see the
// socket, so instrumentation.ts stamps each incoming request with it (always
// overwriting whatever the client sent under that name).
import type { IncomingMessage } from "node:http";

export const PEER_ADDRESS_HEADER = "x-conductor-peer-address";

const STAMPING = Symbol.for("conductor.peer-address-stamping");
type Stamped = typeof globalThis & { [STAMPING]?: boolean };

/** Whether this process stamps requests; without it the header is the client's word. */
export const peerAddressStamped = () => (globalThis as Stamped)[STAMPING] === true;

export function markPeerAddressStamping() {
  (globalThis as Stamped)[STAMPING] = true;
}

export function stampPeerAddress(request: IncomingMessage) {
  request.headers[PEER_ADDRESS_HEADER] = request.socket?.remoteAddress ?? "";
}

type HeaderBag = Record<string, string | string[] | undefined> | undefined;

const one = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value.join(",") : value)?.trim() || undefined;

/**
 * The client's address, or null when it cannot be known (which callers must
 * not treat as one shared client).
 */
export function clientAddress(
  headers: HeaderBag,
  options: { trustedProxyHops: number; stamped: boolean },
): string | null {
  if (options.trustedProxyHops > 0) {
    // Each trusted proxy appends the address it was reached from; the entry
    // written by the outermost one we trust is the client as it saw it.
    const hops = (one(headers?.["x-forwarded-for"]) ?? "")
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean);
    if (hops.length === 0) return null;
    return hops[Math.max(0, hops.length - options.trustedProxyHops)] ?? null;
  }
  if (!options.stamped) return null;
  return one(headers?.[PEER_ADDRESS_HEADER]) ?? null;
}
