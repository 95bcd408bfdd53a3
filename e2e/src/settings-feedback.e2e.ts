// The answer a settings form gives after a save — "Saved.", or why not — in
// the real browser: shown, and set apart from the fields and buttons around
// it rather than flush against them (measured from the rendered boxes).
import { demoAccounts } from "@conductor/db/seed";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser";
import { signedInPage } from "./session";

const shots = process.env.E2E_SCREENSHOTS;
const shot = (page: Page, name: string) =>
  shots ? page.screenshot({ path: `${shots}/${name}.png`, fullPage: true }) : undefined;

/** Pixels between the bottom of `upper` and the top of `lower` as laid out. */
async function gap(upper: Locator, lower: Locator) {
  const [a, b] = [await upper.boundingBox(), await lower.boundingBox()];
  if (!a || !b) throw new Error("a box is not laid out");
  return b.y - (a.y + a.height);
}

/** At least this much air between a notice and its neighbours (Tailwind's 2 is 8 px). */
const AIR = 8;

describe("settings forms answer a save with a notice spaced off the form", () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await signedInPage(browser, demoAccounts.admin.email);
  });
  afterAll(() => browser?.close());

  it("Settings → Email: Saved. sits clear of the choices below it", async () => {
    await page.goto("/settings/email");
    const mentions = page.getByLabel("Mentions in comments");
    await mentions.selectOption("DAILY_DIGEST");
    const saved = page.getByRole("status").filter({ hasText: "Saved." });
    await saved.waitFor();
    // The first field's label is what sat flush against the box.
    const label = page.getByText("Mentions in comments", { exact: true });
    expect(await gap(saved, label)).toBeGreaterThanOrEqual(AIR);
    await shot(page, "settings-email-saved");
    await mentions.selectOption("IMMEDIATELY");
  });

  it("Settings → Review: both forms say Saved., clear of their buttons", async () => {
    await page.goto("/settings/review");
    const saveStages = page.getByRole("button", { name: "Save stages" });
    await saveStages.click();
    const stagesSaved = page
      .getByRole("status")
      .filter({ hasText: "New submissions use these stages" });
    await stagesSaved.waitFor();
    expect(await gap(saveStages, stagesSaved)).toBeGreaterThanOrEqual(AIR);
    const saveRules = page.getByRole("button", { name: "Save rules" });
    await saveRules.click();
    const rulesSaved = page.getByRole("status").filter({ hasText: "Review rules saved" });
    await rulesSaved.waitFor();
    expect(await gap(saveRules, rulesSaved)).toBeGreaterThanOrEqual(AIR);
    await shot(page, "settings-review-saved");
  });

  it("Settings → Webhooks: a refusal and the one-time secret sit clear of the button", async () => {
    await page.goto("/settings/webhooks");
    await page.getByLabel("Name").fill("Spacing check");
    await page.getByLabel("Receiver's address").fill("ftp://hooks.example.com/x");
    const add = page.getByRole("button", { name: "Add webhook" });
    await add.click();
    const refused = page.getByRole("alert").filter({ hasText: /http/ });
    await refused.waitFor();
    expect(await gap(add, refused)).toBeGreaterThanOrEqual(AIR);
    await shot(page, "settings-webhooks-refused");
    await page.getByLabel("Receiver's address").fill("https://hooks.example.com/services/spacing");
    await add.click();
    const secret = page.getByRole("status").filter({ hasText: "copy it now" });
    await secret.waitFor();
    expect(await gap(add, secret)).toBeGreaterThanOrEqual(AIR);
    await shot(page, "settings-webhooks-secret");
    await page.getByRole("button", { name: "Delete Spacing check" }).click();
  });
});
