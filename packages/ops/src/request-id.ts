import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

/** The header a request id travels in: accepted from a proxy, echoed back, sent on to collab. */
export const REQUEST_ID_HEADER = "x-request-id";

// Letters, digits and a few separators, as proxies and tracing systems make
// them; anything else (spaces, newlines, quotes, a megabyte) could forge or
// bloat log lines, so it is replaced rather than trusted.
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;

/** The id a client or proxy sent when it is well formed, or a new one. */
export function acceptRequestId(sent: string | string[] | undefined | null): string {
  const value = Array.isArray(sent) ? sent[0] : sent;
  return value && WELL_FORMED.test(value) ? value : randomUUID();
}

interface RequestScope {
  requestId: string;
}

// One store per process, even when a bundler (Next.js) gives two chunks their
// own copy of this module: the instrumentation hook and the route handlers
// must see the same one.
const storeKey = Symbol.for("conductor.ops.request-scope");
const globals = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestScope>>;
globals[storeKey] ??= new AsyncLocalStorage<RequestScope>();
const scope = globals[storeKey];

/** Runs `fn` with `requestId` as the current request's id (logs and outgoing calls carry it). */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return scope.run({ requestId }, fn);
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return scope.getStore()?.requestId;
}

/** Headers that carry the current request id to another process (none outside a request). */
export function requestIdHeaders(): Record<string, string> {
  const id = currentRequestId();
  return id ? { [REQUEST_ID_HEADER]: id } : {};
}
