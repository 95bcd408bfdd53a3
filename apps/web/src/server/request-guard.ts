// Pure decisions the proxy makes about every request, kept apart from Next so
// they can be unit-tested: which security headers a response carries, whether
// a state-changing request came from our own pages, and whether a tRPC batch
// is small enough to serve.

/** Cookies that prove a browser session; a request carrying one is cookie-authenticated. */
export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** Most procedures one tRPC request may batch (the client batches at most this many too). */
export const MAX_TRPC_BATCH = 10;

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface GuardRequest {
  method: string;
  pathname: string;
  /** The Origin header, if the client sent one. */
  origin: string | null;
  /** The origin this request was addressed to (scheme + Host). */
  ownOrigin: string;
  /** The configured public origin (NEXTAUTH_URL), when set. */
  publicOrigin: string | null;
  hasSessionCookie: boolean;
}

export type GuardVerdict = { ok: true } | { ok: false; status: number; message: string };

/**
 * Cross-site request forgery: SameSite=Lax still sends our cookie with a form
 * posted from a sibling origin (another port, another subdomain), so every
 * cookie-authenticated state change must come from one of our own origins.
 * Browsers always send Origin on such requests. The token-authenticated API
 * under /api/v1 reads no cookie, so it needs no check.
 */
export function checkRequest(request: GuardRequest): GuardVerdict {
  const broken = brokenAddress(request.pathname);
  if (broken) return { ok: false, status: 400, message: broken };
  if (request.pathname.startsWith("/api/trpc/")) {
    const procedures = request.pathname.slice("/api/trpc/".length).split(",").length;
    if (procedures > MAX_TRPC_BATCH)
      return {
        ok: false,
        status: 413,
        message: `A request may batch at most ${MAX_TRPC_BATCH} calls; this one has ${procedures}.`,
      };
  }
  if (!UNSAFE_METHODS.has(request.method.toUpperCase())) return { ok: true };
  if (request.pathname.startsWith("/api/v1/")) return { ok: true };
  if (!request.hasSessionCookie && !request.pathname.startsWith("/api/auth/")) return { ok: true };
  const allowed = [request.ownOrigin, request.publicOrigin].filter(Boolean);
  if (request.origin && allowed.includes(request.origin)) return { ok: true };
  return {
    ok: false,
    status: 403,
    message: request.origin
      ? `Requests that change data must come from Conductor's own pages, not ${request.origin}.`
      : "Requests that change data must say where they come from (the Origin header).",
  };
}

/**
 * A path whose percent-encoding does not decode to text (a lone surrogate as
 * %ED%A0%80, a cut sequence) or decodes to a NUL: Next would fail to route it
 * with a bare 500, so it is answered here, before routing, with a 400.
 */
export function brokenAddress(pathname: string): string | null {
  if (pathname.length > 4096) return "The address is too long.";
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return "The address has a broken character in it (invalid percent-encoding).";
  }
  if (decoded.includes("\u0000")) return "The address contains a NUL character.";
  return null;
}

export interface HeaderOptions {
  nonce: string;
  https: boolean;
  /** Where the browser may open the collaboration socket. */
  collabSources: string[];
}

/**
 * The Content-Security-Policy: scripts only from our origin or with this
 * response's nonce (no inline script without it), nothing may frame us, and
 * sockets go only to our collaboration server. Styles allow inline style
 * attributes, which the editor, the charts and React's style prop write.
 */
export function contentSecurityPolicy({ nonce, collabSources }: HeaderOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${collabSources.join(" ")}`.trim(),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(options: HeaderOptions): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
  if (options.https) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

/** The collaboration socket's origin(s) as the browser will reach them. */
export function collabSources(
  host: string,
  env: { COLLAB_PUBLIC_URL?: string; COLLAB_PORT?: string; PORT?: string },
): string[] {
  if (env.COLLAB_PUBLIC_URL) {
    try {
      const url = new URL(env.COLLAB_PUBLIC_URL);
      return [`${url.protocol}//${url.host}`];
    } catch {
      return [];
    }
  }
  const port = env.COLLAB_PORT ?? String(Number(env.PORT ?? 3000) + 1);
  const hostname = host.replace(/:\d+$/, "");
  return [`ws://${hostname}:${port}`, `wss://${hostname}:${port}`];
}

/**
 * A callback after sign-in must stay on this site: a path that starts with
 * one "/" and is not "//host" or "/\host" (browsers read both as another
 * host), with no control characters. Anything else goes to the list.
 */
export function sameSitePath(value: string | null | undefined, fallback = "/communications") {
  if (!value || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  try {
    const parsed = new URL(value, "http://conductor.invalid");
    if (parsed.origin !== "http://conductor.invalid") return fallback;
    return `${parsed.pathname}${parsed.search}${parsed.hash}`;
  } catch {
    return fallback;
  }
}
