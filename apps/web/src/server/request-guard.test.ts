import { describe, expect, it } from "vitest";
import {
  checkRequest,
  collabSources,
  contentSecurityPolicy,
  type GuardRequest,
  MAX_TRPC_BATCH,
  sameSitePath,
  securityHeaders,
} from "./request-guard";

const base: GuardRequest = {
  method: "POST",
  pathname: "/api/call-volume/imports",
  origin: "http://localhost:3000",
  ownOrigin: "http://localhost:3000",
  publicOrigin: null,
  hasSessionCookie: true,
};

describe("checkRequest", () => {
  it("lets a cookie-authenticated change through from our own origin or the public one", () => {
    expect(checkRequest(base)).toEqual({ ok: true });
    expect(
      checkRequest({
        ...base,
        origin: "https://conductor.example",
        publicOrigin: "https://conductor.example",
      }),
    ).toEqual({ ok: true });
  });

  it("refuses a change posted from a sibling origin or with no origin", () => {
    const sibling = checkRequest({ ...base, origin: "http://localhost:4000" });
    expect(sibling).toMatchObject({ ok: false, status: 403 });
    expect(!sibling.ok && sibling.message).toContain("http://localhost:4000");
    expect(checkRequest({ ...base, origin: null })).toMatchObject({ ok: false, status: 403 });
    expect(checkRequest({ ...base, method: "delete", origin: "null" })).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it("checks sign-in posts even before a session exists (login CSRF)", () => {
    expect(
      checkRequest({
        ...base,
        pathname: "/api/auth/callback/credentials",
        hasSessionCookie: false,
        origin: "http://evil.example",
      }),
    ).toMatchObject({ ok: false, status: 403 });
  });

  it("leaves reads, cookie-less calls and the token API alone", () => {
    expect(checkRequest({ ...base, method: "GET", origin: null })).toEqual({ ok: true });
    expect(checkRequest({ ...base, hasSessionCookie: false, origin: null })).toEqual({ ok: true });
    expect(
      checkRequest({ ...base, pathname: "/api/v1/releases", origin: "http://evil.example" }),
    ).toEqual({ ok: true });
  });

  it("answers a path that does not decode, or decodes to a NUL, with a 400 before routing", () => {
    for (const pathname of [
      "/api/communications/a%ED%A0%80b/audit",
      "/api/communications/a%E2%82/audit",
      "/communications/a%00b",
    ])
      expect(checkRequest({ ...base, method: "GET", pathname })).toMatchObject({
        ok: false,
        status: 400,
      });
    expect(checkRequest({ ...base, method: "GET", pathname: "/communications/caf%C3%A9" })).toEqual(
      { ok: true },
    );
  });

  it("caps tRPC batches, for reads too", () => {
    const names = (n: number) => Array.from({ length: n }, () => "calls.dashboard").join(",");
    expect(
      checkRequest({ ...base, method: "GET", pathname: `/api/trpc/${names(MAX_TRPC_BATCH)}` }),
    ).toEqual({ ok: true });
    expect(
      checkRequest({ ...base, method: "GET", pathname: `/api/trpc/${names(MAX_TRPC_BATCH + 1)}` }),
    ).toMatchObject({ ok: false, status: 413 });
  });
});

describe("security headers", () => {
  it("allow scripts only with the nonce, forbid framing, and reach only our collab socket", () => {
    const csp = contentSecurityPolicy({
      nonce: "abc123",
      https: false,
      collabSources: ["ws://localhost:3001"],
    });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' ws://localhost:3001");
  });

  it("add HSTS only under HTTPS", () => {
    const plain = securityHeaders({ nonce: "n", https: false, collabSources: [] });
    expect(plain["Strict-Transport-Security"]).toBeUndefined();
    expect(plain["X-Content-Type-Options"]).toBe("nosniff");
    expect(plain["X-Frame-Options"]).toBe("DENY");
    expect(plain["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
    const secure = securityHeaders({ nonce: "n", https: true, collabSources: [] });
    expect(secure["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
  });

  it("derive the collab socket from the page's host or the configured public URL", () => {
    expect(collabSources("localhost:4000", { PORT: "4000" })).toEqual([
      "ws://localhost:4001",
      "wss://localhost:4001",
    ]);
    expect(collabSources("x", { COLLAB_PUBLIC_URL: "wss://collab.example.com/socket" })).toEqual([
      "wss://collab.example.com",
    ]);
  });
});

describe("sameSitePath", () => {
  it.each([
    "//other.host/x",
    "/\\other.host/x",
    "https://other.host/x",
    "javascript:alert(1)",
    "/\u0000x",
    "/%2F/other.host",
    "",
    null,
  ])("sends %j to the list", (value) => {
    const path = sameSitePath(value);
    expect(path === "/communications" || path.startsWith("/%2F")).toBe(true);
    expect(new URL(path, "http://site.example").host).toBe("site.example");
  });

  it("keeps a path on this site with its query", () => {
    expect(sameSitePath("/communications/abc?tab=review#x")).toBe(
      "/communications/abc?tab=review#x",
    );
  });
});
