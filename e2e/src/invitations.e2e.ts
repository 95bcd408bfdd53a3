// Joining an organisation through an invitation, in the browser: the admin
// invites an address and passes the link on; the person sets up their own
// account from it; a person who already has one accepts while signed in.
import { demoAccounts, otherOrganizationAccount } from "@conductor/db/seed";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser";
import { baseUrl, signedInPage } from "./session";

describe("invitations", () => {
  let browser: Browser;
  let admin: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    admin = await signedInPage(browser, demoAccounts.admin.email);
  });
  afterAll(() => browser?.close());

  const nadia = { email: `nadia-${Date.now()}@harbour.example`, password: "nadia's own password" };

  async function invite(by: Page, email: string, fn: string) {
    await by.goto("/settings");
    const form = by.locator("form", { has: by.getByRole("button", { name: "Invite" }) });
    await form.getByLabel("Email").fill(email);
    await form.getByRole("checkbox", { name: fn }).check();
    await form.getByRole("button", { name: "Invite" }).click();
    const link = await by.getByLabel("Invitation link").inputValue();
    expect(link).toMatch(/\/invitations\/[A-Za-z0-9_-]{40,}$/);
    return new URL(link).pathname;
  }

  it("a new person sets their own password from the link, signs in and is a member", async () => {
    const { email, password } = nadia;
    const path = await invite(admin, email, "Legal");
    await expect.poll(() => admin.getByText(email).count()).toBeGreaterThan(0);

    const context = await browser.newContext({ baseURL: baseUrl() });
    const page = await context.newPage();
    await page.goto(path);
    await expect
      .poll(() => page.getByRole("heading", { name: /Join Harbour Energy/ }).count())
      .toBe(1);
    await page.getByLabel("Your name").fill("Nadia New");
    await page.getByLabel("Choose a password").fill(password);
    await page.getByLabel("Password again").fill(password);
    await page.getByRole("button", { name: "Set up my account and join" }).click();
    await page.waitForURL("**/signin?joined=1");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/communications");
    // The link is used up.
    await page.goto(path);
    await expect.poll(() => page.getByText("This invitation cannot be used").count()).toBe(1);
    await context.close();
  });

  it("someone with an account accepts signed in, and sees the invitation waiting first", async () => {
    // Nadia (set up above, in Harbour Energy) is invited to Other Co by its admin.
    const olive = await signedInPage(browser, otherOrganizationAccount.email);
    const path = await invite(olive, nadia.email, "Marketing");
    await olive.context().close();

    const page = await signedInPage(browser, nadia.email, nadia.password);
    await page.goto("/notifications");
    await expect.poll(() => page.getByText("Other Co invited you").count()).toBe(1);
    await page.goto(path);
    await page.getByRole("button", { name: "Accept and join" }).click();
    await page.waitForURL("**/communications");
    const me = (await (await page.context().request.get("/api/trpc/viewer.me")).json()) as {
      result: { data: { json: { memberships: { organizationName: string }[] } } };
    };
    expect(me.result.data.json.memberships.map((m) => m.organizationName).sort()).toEqual([
      "Harbour Energy",
      "Other Co",
    ]);
    await page.context().close();
  });
});
