import { demoAccounts, otherOrganizationAccount } from "@conductor/db/seed";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser";
import { baseUrl, signedInPage } from "./session";

const shots = process.env.E2E_SCREENSHOTS;
const shot = (page: Page, name: string) =>
  shots ? page.screenshot({ path: `${shots}/${name}.png`, fullPage: true }) : undefined;

/** Resolves once the page's live-updates stream has said it is connected. */
const liveOn = (page: Page) =>
  expect
    .poll(() => page.locator("[data-live-updates]").getAttribute("data-live-updates"), {
      timeout: 15_000,
    })
    .toBe("open");

/** The id of the organisation a signed-in page works in (its only membership). */
async function organizationOf(page: Page) {
  const me = (await (await page.context().request.get("/api/trpc/viewer.me")).json()) as {
    result: { data: { json: { memberships: { organizationId: string }[] } } };
  };
  return me.result.data.json.memberships[0]?.organizationId;
}

describe("screens that update themselves", () => {
  let browser: Browser;
  const title = `Live: bill ready ${Date.now()}`;
  let owner: Page;
  let address = "";

  beforeAll(async () => {
    browser = await launchChromium();
    owner = await signedInPage(browser, demoAccounts.commsManager.email);
    await owner.getByRole("link", { name: "New communication" }).click();
    await owner.waitForURL("**/communications/new");
    await owner.getByLabel("Title").fill(title);
    await owner.getByLabel("Channel").selectOption("SMS");
    await owner.getByLabel("Audience").fill("Households whose bill is ready");
    await owner.getByRole("button", { name: "Create communication" }).click();
    await owner.waitForURL(/\/communications\/(?!new)[^/]+$/);
    address = new URL(owner.url()).pathname;
    // (expect.poll works only inside a test: Playwright's own waits here.)
    await owner.getByText("Live", { exact: true }).waitFor({ timeout: 15_000 });
    const text = owner.getByRole("textbox", { name: "Message text" });
    await owner.locator('[aria-label="Message text"][contenteditable="true"]').waitFor();
    await text.click();
    await owner.keyboard.type(
      "Your bill is ready. Pay by 5 May. Call 0800 555 0100 with questions.",
    );
  });
  afterAll(() => browser?.close());

  it("the route refuses the signed-out and other organisations' members", async () => {
    await liveOn(owner);
    const organizationId = await organizationOf(owner);
    expect(organizationId).toBeTruthy();
    const signedOut = await fetch(`${baseUrl()}/api/live?organizationId=${organizationId}`);
    expect(signedOut.status).toBe(401);
    const outsider = await signedInPage(browser, otherOrganizationAccount.email);
    const refused = await outsider.request.get(`/api/live?organizationId=${organizationId}`);
    expect(refused.status()).toBe(404);
    expect(await refused.text()).not.toContain("Harbour");
    const malformed = await outsider.request.get("/api/live?organizationId=");
    expect(malformed.status()).toBe(400);
    await outsider.context().close();
  });

  it("a reviewer's My reviews changes when the owner submits; the owner's Review tab, list and notifications change when the reviewer decides — no reload", async () => {
    // The reviewer waits on "My reviews"; nothing of this message is there yet.
    const legal = await signedInPage(browser, demoAccounts.legal.email);
    await legal.getByRole("link", { name: "Reviews", exact: true }).click();
    await legal.waitForURL("**/reviews");
    await liveOn(legal);
    expect(await legal.getByRole("link", { name: title }).count()).toBe(0);

    // The owner's list and notifications, open in other tabs of the owner's browser.
    const list = await owner.context().newPage();
    await list.goto(`/communications?q=${encodeURIComponent(title)}`);
    const row = list.getByRole("row").filter({ hasText: title });
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(1);
    expect(await row.textContent()).toContain("Draft");
    await liveOn(list);
    const notifications = await owner.context().newPage();
    await notifications.goto("/notifications");
    await liveOn(notifications);
    // This message's notice only: other browser tests running beside this one
    // request changes on the same owner's messages.
    const changesNotice = notifications
      .getByRole("listitem")
      .filter({ hasText: "— changes requested:" })
      .filter({ hasText: title });
    const before = await changesNotice.count();

    await owner.getByRole("tab", { name: "Review", exact: true }).click();
    await liveOn(owner);
    await owner.getByRole("button", { name: "Submit for review" }).click();
    const override = owner.getByText(
      "Why submit below the minimum score or with blocking findings?",
    );
    await expect
      .poll(
        async () =>
          (await override.isVisible()) ||
          (await owner.locator("[data-review-status]").getAttribute("data-review-status")) ===
            "IN_REVIEW",
        { timeout: 15_000 },
      )
      .toBe(true);
    if (await override.isVisible()) {
      await owner
        .getByLabel("Why submit below the minimum score or with blocking findings?")
        .fill("Checked by hand: the figures are right.");
      await owner.getByRole("button", { name: "Submit for review" }).click();
    }
    await expect
      .poll(() => owner.locator("[data-review-status]").getAttribute("data-review-status"), {
        timeout: 15_000,
      })
      .toBe("IN_REVIEW");

    // Legal's page shows the new message without being reloaded.
    await expect
      .poll(() => legal.getByRole("link", { name: title }).count(), { timeout: 15_000 })
      .toBe(1);
    await shot(legal, "live-my-reviews-after-submit");
    await expect.poll(async () => (await row.textContent()) ?? "").toContain("In review");

    // Legal opens it and asks for changes.
    await legal.getByRole("link", { name: title }).click();
    await legal.waitForURL(`**${address}`);
    await expect
      .poll(() => legal.getByText("Live", { exact: true }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    await legal.getByRole("tab", { name: "Review", exact: true }).click();
    const form = legal.getByRole("form", { name: "Your decision" });
    await expect.poll(() => form.isVisible(), { timeout: 10_000 }).toBe(true);
    await form.getByRole("radio", { name: "Request changes", exact: true }).check();
    await form.getByLabel("Reason").selectOption("unclear");
    await form.getByLabel("Comment", { exact: true }).fill("Say which bill: the month.");
    await form.getByRole("button", { name: "Record decision" }).click();
    await expect.poll(() => form.count()).toBe(0);

    // The owner's Review tab, list status and notifications follow, none reloaded.
    await expect
      .poll(() => owner.locator("[data-review-status]").getAttribute("data-review-status"), {
        timeout: 15_000,
      })
      .toBe("CHANGES_REQUESTED");
    await expect
      .poll(async () => (await owner.getByRole("list", { name: "Stages" }).textContent()) ?? "", {
        timeout: 10_000,
      })
      .toContain("Requested changes by Leo Okafor");
    await shot(owner, "live-owner-review-tab-after-decision");
    await expect
      .poll(async () => (await row.textContent()) ?? "", { timeout: 15_000 })
      .toContain("Changes requested");
    await shot(list, "live-owner-list-after-decision");
    await expect.poll(() => changesNotice.count(), { timeout: 15_000 }).toBe(before + 1);
    await shot(notifications, "live-owner-notifications-after-decision");
    await list.close();
    await notifications.close();
    await legal.context().close();
  }, 180_000);

  it("@ in a comment offers the organisation's people and functions by keyboard, and names an unknown handle before posting", async () => {
    await owner.getByRole("tab", { name: "Brief" }).click();
    const briefComments = owner.getByRole("region", { name: "Comments on the brief" });
    const box = briefComments.getByRole("combobox", { name: "Comment on the brief" });
    await box.click();
    await owner.keyboard.type("Could @le");
    const options = owner.getByRole("listbox", { name: "People and functions to mention" });
    await expect.poll(() => options.isVisible()).toBe(true);
    const names = await options.getByRole("option").allTextContents();
    expect(names.some((n) => n.startsWith("@legal"))).toBe(true);
    expect(names.some((n) => n.startsWith("Leo Okafor"))).toBe(true);
    // Nobody from another organisation is offered.
    expect(names.join(" ")).not.toContain("Olive");
    await shot(owner, "live-mention-autocomplete");
    // The active option moves with the arrows and is announced through aria-activedescendant.
    const firstActive = await box.getAttribute("aria-activedescendant");
    await owner.keyboard.press("ArrowDown");
    const secondActive = await box.getAttribute("aria-activedescendant");
    expect(secondActive).not.toBe(firstActive);
    const chosen = await owner.locator(`[id="${secondActive}"]`).textContent();
    await owner.keyboard.press("Enter");
    expect(await options.isVisible()).toBe(false);
    const inserted = chosen?.startsWith("@legal") ? "@legal " : "@leo ";
    expect(await box.inputValue()).toBe(`Could ${inserted}`);

    // Escape closes the list and leaves the text alone.
    await owner.keyboard.type("and @pri");
    await expect.poll(() => options.isVisible()).toBe(true);
    await owner.keyboard.press("Escape");
    expect(await options.isVisible()).toBe(false);
    expect(await box.inputValue()).toBe(`Could ${inserted}and @pri`);

    // A handle nobody answers to is named before posting…
    await owner.keyboard.type("yanka check?");
    const warning = owner.getByText(
      "@priyanka matches no one here, so nobody will be notified for it.",
    );
    await expect.poll(() => warning.isVisible()).toBe(true);
    await shot(owner, "live-mention-unknown-handle");
    // …and again by the server once posted.
    await briefComments.getByRole("button", { name: "Comment", exact: true }).click();
    await expect
      .poll(() =>
        owner
          .getByText("Posted. @priyanka matches no one here, so nobody was notified for it.")
          .isVisible(),
      )
      .toBe(true);
  });
});
