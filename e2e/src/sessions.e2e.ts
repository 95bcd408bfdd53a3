// Sign-out ends the session on the server: a copy of the cookie taken before
// signing out (a shared computer, a stolen token) no longer gets in.
import { demoAccounts } from "@conductor/db/seed";
import type { Browser, Cookie } from "playwright-core";
import { request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser";
import { baseUrl, signedInPage } from "./session";

const SESSION_COOKIE = "next-auth.session-token";

describe("sessions end when people sign out", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  const sessionCookie = (cookies: Cookie[]) => cookies.find((c) => c.name === SESSION_COOKIE)!;

  /** A client that sends exactly this Cookie header and nothing else. */
  const replaying = (cookie: string) =>
    request.newContext({ baseURL: baseUrl(), extraHTTPHeaders: { cookie } });

  it("after sign-out, replaying the old cookie gets a 401 and the sign-in page", async () => {
    const page = await signedInPage(browser, demoAccounts.marketing.email);
    const cookie = sessionCookie(await page.context().cookies());
    expect(cookie).toBeDefined();
    const before = await replaying(`${SESSION_COOKIE}=${cookie.value}`);
    expect((await before.get("/api/trpc/viewer.me")).status()).toBe(200);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL("**/signin**");

    expect((await before.get("/api/trpc/viewer.me")).status()).toBe(401);
    const replay = await browser.newContext({ baseURL: baseUrl() });
    await replay.addCookies([cookie]);
    const stale = await replay.newPage();
    await stale.goto("/communications");
    expect(new URL(stale.url()).pathname).toBe("/signin");
    await before.dispose();
    await replay.close();
  });

  it("over http only the plain cookie name counts, never the __Secure- one", async () => {
    const page = await signedInPage(browser, demoAccounts.legal.email);
    const { value } = sessionCookie(await page.context().cookies());
    const secureName = await replaying(`__Secure-${SESSION_COOKIE}=${value}`);
    expect((await secureName.get("/api/trpc/viewer.me")).status()).toBe(401);
    const plainName = await replaying(`${SESSION_COOKIE}=${value}`);
    expect((await plainName.get("/api/trpc/viewer.me")).status()).toBe(200);
    await secureName.dispose();
    await plainName.dispose();
    await page.context().close();
  });

  it("an admin's Sign out everywhere ends every session of that member", async () => {
    const member = await signedInPage(browser, demoAccounts.analyst.email);
    const admin = await signedInPage(browser, demoAccounts.admin.email);
    const api = admin.context().request;
    const me = (await (await api.get("/api/trpc/viewer.me")).json()) as {
      result: { data: { json: { memberships: { organizationId: string }[] } } };
    };
    const organizationId = me.result.data.json.memberships[0]!.organizationId;
    const list = (await (
      await api.get(
        `/api/trpc/members.list?input=${encodeURIComponent(JSON.stringify({ json: { organizationId } }))}`,
      )
    ).json()) as { result: { data: { json: { membershipId: string; email: string }[] } } };
    const target = list.result.data.json.find((m) => m.email === demoAccounts.analyst.email)!;

    expect((await member.context().request.get("/api/trpc/viewer.me")).status()).toBe(200);
    const ended = await api.post("/api/trpc/members.signOutEverywhere", {
      headers: { "content-type": "application/json", origin: new URL(baseUrl()).origin },
      data: { json: { organizationId, membershipId: target.membershipId } },
    });
    expect(ended.status()).toBe(200);
    expect((await member.context().request.get("/api/trpc/viewer.me")).status()).toBe(401);
    await member.reload();
    expect(new URL(member.url()).pathname).toBe("/signin");
    // The admin's own session is untouched.
    expect((await api.get("/api/trpc/viewer.me")).status()).toBe(200);
    await member.context().close();
    await admin.context().close();
  });
});
