// Settings → Rules as an admin and as a reviewer would use it: the admin
// switches a rule off, sees what will change, adopts it with a reason and
// finds it in force and in the history; a reviewer reads the same page and
// cannot change it. The rule switched is the organisation's banned phrases,
// which no demo message uses, so the other browser tests' scores stay as
// they are; it is switched back at the end.
import { demoAccounts } from "@conductor/db/seed";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser";
import { signedInPage } from "./session";

const RULE = "Phrase your organisation avoids";

describe("Settings → Rules", () => {
  let browser: Browser;
  let admin: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    admin = await signedInPage(browser, demoAccounts.admin.email);
  });
  afterAll(() => browser?.close());

  const adoptWith = async (reason: string) => {
    await admin.getByLabel(/^Why/).fill(reason);
    await admin.getByRole("button", { name: /^Adopt as version/ }).click();
    await expect
      .poll(() => admin.getByRole("status").filter({ hasText: "is in force" }).count())
      .toBe(1);
  };

  it("an admin switches a rule off, sees the change first, adopts it and finds it in the history", async () => {
    await admin.goto("/settings");
    await admin.getByRole("link", { name: "Clarity rules" }).click();
    await admin.waitForURL("**/settings/rules");
    const toggle = admin.getByRole("checkbox", { name: `${RULE} on` });
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    const pending = admin.getByTestId("pending-change");
    await expect.poll(() => pending.textContent()).toContain(`${RULE} (on/off): on → off`);
    await adoptWith("No banned phrases while the list is rewritten");

    const inForce = admin.getByTestId("rule-set-in-force");
    await expect.poll(() => inForce.textContent()).toContain("No banned phrases while");
    const history = admin.getByRole("list", { name: "Rule set history" });
    await expect
      .poll(() => history.locator("li").first().textContent())
      .toMatch(/Version \d+.*No banned phrases while.*on → off/s);
    await admin.screenshot({ path: "/tmp/rule-sets-admin.png", fullPage: true });

    // The live panel beside the editor scores with the version now in force.
    const adopted = await admin.getByTestId("rules-version").textContent();
    expect(adopted).toMatch(/^r\d+-/);
    const manager = await signedInPage(browser, demoAccounts.commsManager.email);
    await manager.getByRole("link", { name: "Payment received — heart-centred" }).click();
    await manager.waitForURL(/\/communications\/(?!new)[^/]+$/);
    await expect
      .poll(() => manager.getByText(`Rules ${adopted}`, { exact: true }).count(), {
        timeout: 20_000,
      })
      .toBe(1);
    await manager.screenshot({ path: "/tmp/rule-sets-live-panel.png" });
    await manager.context().close();

    // Back on: the same use case, a new version, the history keeps both.
    await toggle.check();
    await adoptWith("The rewritten list is ready");
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await expect.poll(() => history.locator("li").first().textContent()).toContain("off → on");
  });

  it("a reviewer reads the rules in force and their history, and cannot change them", async () => {
    const legal = await signedInPage(browser, demoAccounts.legal.email);
    await legal.goto("/settings/rules");
    await expect.poll(() => legal.getByText("Read only").isVisible()).toBe(true);
    await expect
      .poll(() => legal.getByRole("list", { name: "Rule set history" }).textContent())
      .toContain("The rewritten list is ready");
    expect(await legal.getByRole("checkbox", { name: `${RULE} on` }).isDisabled()).toBe(true);
    expect(await legal.getByRole("button", { name: /^Adopt/ }).count()).toBe(0);
    await legal.screenshot({ path: "/tmp/rule-sets-legal.png", fullPage: true });
    await legal.context().close();
  });
});
