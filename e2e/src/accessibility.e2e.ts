import { demoAccounts } from "@conductor/db/seed";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeViolations, seriousViolations } from "./axe";
import { launchChromium } from "./browser";
import { signedInPage } from "./session";

/** Fails with every serious or critical axe violation on the page, listed. */
async function expectNoSeriousViolations(page: Page) {
  const violations = await seriousViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe("accessibility of the main pages (axe-core)", () => {
  let browser: Browser;
  let manager: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    manager = await signedInPage(browser, demoAccounts.commsManager.email);
  });
  afterAll(() => browser?.close());

  it("the communications list", async () => {
    await manager.goto("/communications");
    await expect.poll(() => manager.getByRole("table").first().isVisible()).toBe(true);
    await expectNoSeriousViolations(manager);
  });

  it("the editor, with its clarity panel, and the tabs move with the arrow keys", async () => {
    await manager.goto("/communications");
    await manager.getByRole("link", { name: "Payment received — heart-centred" }).click();
    await manager.waitForURL(/\/communications\/(?!new)[^/]+$/);
    await expect
      .poll(() => manager.getByText("Live", { exact: true }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    await expect.poll(() => manager.getByText("clarity score").count()).toBe(1);
    await expectNoSeriousViolations(manager);

    // One tab in the tab order; arrows move the selection and the focus.
    const clarity = manager.getByRole("tab", { name: "Clarity" });
    expect(await clarity.getAttribute("tabindex")).toBe("0");
    expect(await manager.getByRole("tab", { name: "Comments" }).getAttribute("tabindex")).toBe(
      "-1",
    );
    await clarity.focus();
    await manager.keyboard.press("ArrowRight");
    // The tab after Clarity: Suggestions.
    const next = manager.getByRole("tab", { name: "Suggestions", selected: true });
    await expect.poll(() => next.isVisible()).toBe(true);
    expect(await next.evaluate((el) => el === document.activeElement)).toBe(true);
    const panel = manager.getByRole("tabpanel");
    expect(await panel.getAttribute("aria-labelledby")).toBe(await next.getAttribute("id"));
    await manager.keyboard.press("End");
    await expect
      .poll(() => manager.getByRole("tab", { name: "Review", selected: true }).isVisible())
      .toBe(true);
    await manager.keyboard.press("ArrowRight");
    await expect
      .poll(() => manager.getByRole("tab", { name: "Brief", selected: true }).isVisible())
      .toBe(true);
    await expectNoSeriousViolations(manager);
  });

  it("reviews, analytics and settings", async () => {
    for (const path of ["/reviews", "/analytics", "/settings", "/settings/review"]) {
      await manager.goto(path);
      await expect.poll(() => manager.getByRole("heading", { level: 1 }).isVisible()).toBe(true);
      // Client-rendered parts (charts, forms) settle before the check.
      await manager.waitForLoadState("networkidle");
      await expectNoSeriousViolations(manager);
    }
  });

  it("at 1280 px the header is one row, a notification badge included", async () => {
    await manager.goto("/communications");
    const header = manager.locator("header");
    const before = (await header.boundingBox())!.height;
    expect(before).toBeLessThan(70);
    // The badge the header shows for unread notifications, as NotificationsLink draws it.
    await manager.getByRole("link", { name: /^Notifications/ }).evaluate((link) => {
      const badge = document.createElement("span");
      badge.className = "ml-1 rounded-full bg-amber-400 px-1.5 text-xs font-semibold";
      badge.textContent = "12";
      link.append(badge);
    });
    expect((await header.boundingBox())!.height).toBe(before);
  });

  it("on a 390 px phone the header fits: the sections are behind a menu", async () => {
    const phone = await browser.newContext({
      baseURL: new URL(manager.url()).origin,
      viewport: { width: 390, height: 844 },
      storageState: await manager.context().storageState(),
    });
    const page = await phone.newPage();
    await page.goto("/communications");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    expect(await page.getByRole("link", { name: "Analytics" }).count()).toBe(0);
    const menu = page.getByRole("button", { name: "Menu" });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    await menu.click();
    await page.getByRole("link", { name: "Analytics" }).click();
    await page.waitForURL("**/analytics");
    // Following a link closes the menu again.
    await expect
      .poll(() => page.getByRole("button", { name: "Menu" }).getAttribute("aria-expanded"))
      .toBe("false");
    await expectNoSeriousViolations(page);
    await phone.close();
  });
});
