// The security suite: each case an attacker tried against the running
// product, sent as the request a client would send, so none comes back.
// (Procedure-level cases — every procedure with malformed values, the
// authorisation matrix — run in packages/api; these need the real server:
// headers, the proxy, route handlers, cookies, redirects.)
import { demoAccounts } from "@conductor/db/seed";
import fc from "fast-check";
import type { APIRequestContext, Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser";
import { baseUrl, signedInPage } from "./session";

const INTERNAL_TEXT = /prisma|postgres|invocation|\bSQL\b|at \w+ \(|node_modules/i;

/**
 * Percent-encodes as a client may, lone surrogates included: a browser's
 * encodeURIComponent refuses them, but nothing stops a client from sending
 * their three UTF-8-style bytes (%ED%A0%80), which do not decode as text.
 */
function percent(value: string): string {
  let out = "";
  for (const character of value) {
    try {
      out += encodeURIComponent(character);
    } catch {
      const unit = character.charCodeAt(0);
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join("");
    }
  }
  return out;
}

describe("security: headers, forgery, redirects, malformed requests", () => {
  let browser: Browser;
  let analyst: Page;
  let api: APIRequestContext;
  let organizationId: string;

  beforeAll(async () => {
    browser = await launchChromium();
    analyst = await signedInPage(browser, demoAccounts.analyst.email);
    api = analyst.context().request;
    const me = await api.get("/api/trpc/viewer.me");
    const body = (await me.json()) as {
      result: { data: { json: { memberships: { organizationId: string }[] } } };
    };
    organizationId = body.result.data.json.memberships[0]!.organizationId;
  });
  afterAll(() => browser?.close());

  it("every page carries a nonce CSP, refuses framing and sniffing, and sets a referrer policy", async () => {
    for (const path of ["/signin", "/communications"]) {
      const response = await api.get(path);
      const headers = response.headers();
      const csp = headers["content-security-policy"] ?? "";
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(headers["x-frame-options"], path).toBe("DENY");
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      // Every script Next wrote into the page carries this response's nonce.
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
  });

  it("the signed-in app hydrates under its CSP: no violation is reported", async () => {
    const page = await analyst.context().newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text()))
        violations.push(message.text());
    });
    await page.goto("/communications");
    // A client-side control only works once React has hydrated.
    await page
      .getByRole("link", { name: /Analytics/ })
      .first()
      .click();
    await page.waitForURL("**/analytics");
    expect(violations).toEqual([]);
    await page.close();
  });

  it("a framed sign-in page is refused by the browser", async () => {
    const attacker = await browser.newPage();
    await attacker.setContent(`<iframe id="f" src="${baseUrl()}/signin"></iframe>`);
    await attacker.waitForTimeout(1500);
    const framed = attacker.frames().find((frame) => frame.url().includes("/signin"));
    const rendered = framed
      ? await framed.evaluate(() => document.body?.textContent ?? "").catch(() => "")
      : "";
    expect(rendered).not.toContain("Sign in to your organisation");
    await attacker.close();
  });

  it("a same-site form posting text/plain to the importer is refused (CSRF)", async () => {
    const csv = "date,reason,calls\n2026-10-05,BILLING,12\n";
    const url = `/api/call-volume/imports?organizationId=${organizationId}&fileName=x.csv&granularity=DAY&dateFormat=iso`;
    const forged = await api.post(url, {
      headers: { "content-type": "text/plain", origin: "http://localhost:1" },
      data: csv,
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toMatch(/own pages/);
    const noOrigin = await api.fetch(url, {
      method: "POST",
      headers: { "content-type": "text/plain", origin: "" },
      data: csv,
    });
    expect([403]).toContain(noOrigin.status());
  });

  it("a forged tRPC mutation is refused; the same call from our origin goes through to validation", async () => {
    const body = {
      json: {
        organizationId,
        title: "Made by a forged form",
        channel: "EMAIL",
        audienceDescription: "Everyone",
      },
    };
    const forged = await api.post("/api/trpc/communications.create", {
      headers: { "content-type": "application/json", origin: "http://evil.example" },
      data: body,
    });
    expect(forged.status()).toBe(403);
    const own = await api.post("/api/trpc/communications.create", {
      headers: { "content-type": "application/json", origin: new URL(baseUrl()).origin },
      data: body,
    });
    // The analyst may not create communications: the request reached the API.
    expect(own.status()).toBe(403);
    expect(await own.text()).toMatch(/comms manager/);
  });

  it("one request cannot batch more than ten procedure calls", async () => {
    const names = Array.from({ length: 11 }, () => "viewer.me").join(",");
    const input = percent(
      JSON.stringify(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [i, { json: null }]))),
    );
    const response = await api.get(`/api/trpc/${names}?batch=1&input=${input}`);
    expect(response.status()).toBe(413);
  });

  it("sign-in never sends the browser to another host", async () => {
    for (const callback of ["//other.host/x", "/\\other.host/x", "https://other.host/x"]) {
      const context = await browser.newContext({ baseURL: baseUrl() });
      const page = await context.newPage();
      await page.goto(`/signin?callbackUrl=${percent(callback)}`);
      await page.getByLabel("Email").fill(demoAccounts.commsManager.email);
      await page.getByLabel("Password").fill("conductor-demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/signin"), { timeout: 15_000 });
      expect(new URL(page.url()).host, callback).toBe(new URL(baseUrl()).host);
      await context.close();
    }
  });

  it("malformed route-handler input gets a short 4xx, never a 500 or internal text", async () => {
    const longId = "c".repeat(100_000);
    const cases: {
      name: string;
      run: () => Promise<{ status: () => number; text: () => Promise<string> }>;
    }[] = [
      {
        name: "over-long id in the audit download",
        run: () => api.get(`/api/communications/${longId}/audit?format=json`),
      },
      { name: "NUL in an id", run: () => api.get("/api/communications/a%00b/audit?format=csv") },
      {
        name: "lone surrogate in an id",
        run: () => api.get("/api/communications/a%ED%A0%80b/certificate?format=json"),
      },
      {
        name: "unknown format echoes a short value",
        run: () => api.get(`/api/communications/x/audit?format=${"z".repeat(5000)}`),
      },
      {
        name: "bad bearer token",
        run: () =>
          api.post("/api/v1/releases", {
            headers: { authorization: `Bearer ${"x".repeat(5000)}` },
            data: {},
          }),
      },
      {
        name: "NUL in the release body",
        run: () =>
          api.post("/api/v1/releases", {
            headers: { authorization: "Bearer cdr_nope" },
            data: { communicationId: "a\u0000" },
          }),
      },
    ];
    for (const { name, run } of cases) {
      const response = await run();
      const text = await response.text();
      expect(response.status(), name).toBeGreaterThanOrEqual(400);
      expect(response.status(), name).toBeLessThan(500);
      expect(text, name).not.toMatch(INTERNAL_TEXT);
      expect(text.length, name).toBeLessThan(2000);
    }
  });

  it("every route handler, fed random broken values (fast-check), never answers 5xx or internal text", async () => {
    const origin = new URL(baseUrl()).origin;
    const routes = [
      (v: string) => api.get(`/api/communications/${percent(v)}/audit?format=json`),
      (v: string) =>
        api.get(`/api/communications/x/certificate?format=json&reviewId=${percent(v)}`),
      (v: string) => api.get(`/api/call-volume/report?format=${percent(v)}`),
      (v: string) =>
        api.post(
          `/api/call-volume/preview?organizationId=${organizationId}&fileName=${percent(v)}`,
          {
            headers: { origin, "content-type": "text/csv" },
            data: `date,reason,calls\n${v},X,1\n`,
          },
        ),
      (v: string) =>
        api.post(
          `/api/call-volume/imports?organizationId=${organizationId}&fileName=f.csv&granularity=DAY&dateFormat=iso&dryRun=1&mapping=${percent(v)}`,
          {
            headers: { origin, "content-type": "text/csv" },
            data: `date,reason,calls\n2026-10-05,${v},1\n`,
          },
        ),
      (v: string) =>
        api.post("/api/v1/releases", {
          headers: { authorization: `Bearer cdr_${percent(v)}` },
          data: { communicationId: v, channel: v, sendDates: [v], recipients: v },
        }),
      (v: string) =>
        api.post(`/api/v1/call-volume?granularity=${percent(v)}`, {
          headers: { authorization: "Bearer cdr_nope", "content-type": "text/csv" },
          data: v,
        }),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: routes.length - 1 }),
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 30 }),
          fc.constantFrom(
            "\u0000",
            "\uD800",
            "2027-02-30",
            "0000-01-01",
            "9999-12-31",
            "x".repeat(20_000),
          ),
        ),
        async (which, value) => {
          const response = await routes[which]!(value);
          const text = await response.text();
          expect(
            response.status(),
            `route ${which} with ${JSON.stringify(value.slice(0, 40))}`,
          ).toBeLessThan(500);
          expect(text, `route ${which}`).not.toMatch(INTERNAL_TEXT);
        },
      ),
      { numRuns: 120, seed: 20261201 },
    );
  });
});
