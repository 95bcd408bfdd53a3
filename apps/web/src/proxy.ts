import { type NextRequest, NextResponse } from "next/server";
import {
  checkRequest,
  collabSources,
  SESSION_COOKIES,
  securityHeaders,
} from "~/server/request-guard";

// Runs before every page and route handler: refuses forged state changes and
// oversized tRPC batches, and gives every response its security headers with
// a fresh script nonce (Next reads it from the request's CSP header and puts
// it on its own scripts).
export function proxy(request: NextRequest) {
  const publicOrigin = process.env.NEXTAUTH_URL ? safeOrigin(process.env.NEXTAUTH_URL) : null;
  const verdict = checkRequest({
    method: request.method,
    pathname: request.nextUrl.pathname,
    origin: request.headers.get("origin"),
    ownOrigin: request.nextUrl.origin,
    publicOrigin,
    hasSessionCookie: SESSION_COOKIES.some((name) => request.cookies.has(name)),
  });
  if (!verdict.ok) {
    return NextResponse.json(
      {
        error: {
          code: refusalCodes[verdict.status] ?? "BAD_REQUEST",
          message: verdict.message,
        },
      },
      { status: verdict.status },
    );
  }

  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const https =
    request.nextUrl.protocol === "https:" || (publicOrigin?.startsWith("https:") ?? false);
  const headers = securityHeaders({
    nonce,
    https,
    collabSources: collabSources(request.headers.get("host") ?? "localhost", {
      COLLAB_PUBLIC_URL: process.env.COLLAB_PUBLIC_URL,
      COLLAB_PORT: process.env.COLLAB_PORT,
      PORT: process.env.PORT,
    }),
  });
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

const refusalCodes: Record<number, string> = {
  400: "BAD_REQUEST",
  403: "FORBIDDEN",
  413: "TOO_LARGE",
};

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

export const config = {
  // Static assets carry no session and run no script of their own.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
