import { demoAccounts, otherOrganizationAccount } from "@conductor/db/seed";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser";
import { baseUrl, signedInPage } from "./session";

describe("foundation in a real browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it("the comms manager creates a communication and finds it in the list", async () => {
    const page = await signedInPage(browser, demoAccounts.commsManager.email);
    await page.getByRole("link", { name: "New communication" }).click();
    await page.waitForURL("**/communications/new");

    // The form refuses bad input field by field before anything is sent.
    await page.getByRole("button", { name: "Create communication" }).click();
    await expect.poll(() => page.getByText("Must be at least 3 characters").isVisible()).toBe(true);

    const title = `Direct debit date is moving ${Date.now()}`;
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Channel").selectOption("EMAIL");
    await page.getByLabel("Audience").fill("Customers who pay by direct debit on the 1st");
    await page.getByLabel("Planned send date (optional)").fill("2027-03-01");
    await page.getByRole("button", { name: "Create communication" }).click();

    await page.waitForURL(/\/communications\/(?!new)[^/]+$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(title);
    expect(await page.getByText("1 Mar 2027").isVisible()).toBe(true);

    await page.getByRole("link", { name: "Communications", exact: true }).first().click();
    await page.getByLabel("Search messages").fill("direct debit");
    await expect
      .poll(() => page.getByRole("link", { name: title }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(page.url()).toContain("q=direct+debit");
    // Search reads the message text too: the amount is only in a body.
    await page.getByLabel("Search messages").fill("177.17");
    await expect
      .poll(
        () => page.getByRole("link", { name: "Payment received — transactional" }).isVisible(),
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(await page.getByRole("link", { name: title }).count()).toBe(0);
    await page.context().close();
  });

  it("a member of another organisation gets 'not found' at a communication's URL", async () => {
    const owner = await signedInPage(browser, demoAccounts.commsManager.email);
    await owner.getByRole("link", { name: "Monthly account fee is changing" }).click();
    await owner.waitForURL(/\/communications\/[^/]+$/);
    const url = new URL(owner.url()).pathname;
    await owner.context().close();

    const outsider = await signedInPage(browser, otherOrganizationAccount.email);
    const response = await outsider.goto(url);
    expect(response?.status()).toBe(404);
    // The not-found page streams in after the status: wait for it.
    await expect
      .poll(() => outsider.getByRole("heading", { name: "Communication not found" }).isVisible())
      .toBe(true);
    expect(await outsider.getByText("Monthly account fee").count()).toBe(0);
    await outsider.context().close();
  });

  it("a wrong password shows an error and does not sign in", async () => {
    const context = await browser.newContext({ baseURL: baseUrl() });
    const page = await context.newPage();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(demoAccounts.legal.email);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => page.getByText("That email and password do not match").isVisible(), {
        timeout: 10_000,
      })
      .toBe(true);
    expect(new URL(page.url()).pathname).toBe("/signin");
    await page.goto("/communications");
    await page.waitForURL("**/signin");
    await context.close();
  });

  it("a communication's page scores its text with the clarity rules and marks the findings", async () => {
    const page = await signedInPage(browser, demoAccounts.legal.email);
    await page.getByRole("link", { name: "Payment received — transactional" }).click();
    await expect
      .poll(() => page.getByRole("heading", { name: "Clarity" }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    await expect.poll(() => page.getByText('Passive voice: "was received"').isVisible()).toBe(true);
    // Highlighted in the editor as a decoration over the text.
    await expect
      .poll(() => page.locator(".clarity-finding", { hasText: "was received" }).count())
      .toBeGreaterThan(0);
    expect(await page.getByText("How do I reach someone about this?").isVisible()).toBe(true);
    await page.context().close();
  });

  it("an analyst can read but is offered no way to create or manage members", async () => {
    const page = await signedInPage(browser, demoAccounts.analyst.email);
    await expect
      .poll(
        () => page.getByRole("link", { name: "Payment received — heart-centred" }).isVisible(),
        { timeout: 10_000 },
      )
      .toBe(true);
    expect(await page.getByRole("link", { name: "New communication" }).count()).toBe(0);
    await page.goto("/communications/new");
    expect(
      await page.getByText("Only a comms manager can create communications.").isVisible(),
    ).toBe(true);
    await page.goto("/settings");
    expect(await page.getByText("Not allowed to change members").isVisible()).toBe(true);
    await page.context().close();
  });
});
