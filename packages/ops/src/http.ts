import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { metrics } from "./metrics";
import { acceptRequestId, REQUEST_ID_HEADER, withRequestId } from "./request-id";

// A path segment that names one thing (a cuid, a uuid, a number, a link's
// random token) rather than a kind of page: folded so metrics keep a handful
// of routes, and so a token in a path (an invitation link) never reaches a log.
const ID_LIKE = /^(?=.*\d)[A-Za-z0-9_-]{8,}$|^[A-Za-z0-9_-]{20,}$|^\d+$|^[0-9a-f-]{32,36}$/i;

/**
 * The route a path belongs to, as metrics and logs name it: ids as `:id`,
 * Next's static files and images as one route each, no query string.
 */
export function routeLabel(url: string | undefined): string {
  const raw = (url ?? "/").split("?")[0] ?? "/";
  if (raw.startsWith("/_next/static/")) return "/_next/static";
  if (raw.startsWith("/_next/image")) return "/_next/image";
  const segments = raw.split("/").map((segment) => {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return ":bad";
    }
    return ID_LIKE.test(decoded) ? ":id" : decoded.length > 40 ? ":long" : decoded;
  });
  return segments.join("/") || "/";
}

/**
 * Wraps one HTTP request of a Node server: gives it a request id (the
 * client's when well formed), echoes it in the response, runs `handle`
 * inside that id's scope so every log line and outgoing call carries it, and
 * when the response ends logs one line and records its latency by route.
 */
export function observeHttpRequest<T>(
  service: string,
  logger: Logger,
  request: IncomingMessage,
  response: ServerResponse,
  handle: () => T,
): T {
  const requestId = acceptRequestId(request.headers[REQUEST_ID_HEADER]);
  // Whatever the client sent is replaced, so the app reads the id it logs under.
  request.headers[REQUEST_ID_HEADER] = requestId;
  if (!response.headersSent) response.setHeader(REQUEST_ID_HEADER, requestId);
  const started = process.hrtime.bigint();
  const route = routeLabel(request.url);
  const method = request.method ?? "GET";
  let logged = false;
  const done = () => {
    if (logged) return;
    logged = true;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const status = response.writableFinished ? response.statusCode : 499;
    metrics().httpRequestDuration.observe(
      { service, method, route, status: String(status) },
      seconds,
    );
    withRequestId(requestId, () =>
      logger.info({ method, route, status, ms: Math.round(seconds * 10_000) / 10 }, "request"),
    );
  };
  response.once("finish", done);
  response.once("close", done);
  return withRequestId(requestId, handle);
}
