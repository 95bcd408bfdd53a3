import { demoAccounts } from "@conductor/db/seed";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser";
import { ownPaymentMessage } from "./own-message";
import { signedInPage } from "./session";

// Its own copy of the demo payment confirmation (see own-message.ts).
const title = "Payment received — brief test";

async function openLive(page: Page) {
  await page.getByRole("link", { name: title }).click();
  await page.waitForURL(/\/communications\/(?!new)[^/]+$/);
  await expect
    .poll(() => page.getByText("Live", { exact: true }).isVisible(), { timeout: 15_000 })
    .toBe(true);
}

describe("the conductor brief in a real browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    await ownPaymentMessage(title);
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it("removing a must-say amount turns its check red and predicts a call; putting it back turns it green", async () => {
    const manager = await signedInPage(browser, demoAccounts.commsManager.email);
    await openLive(manager);
    await manager.getByRole("tab", { name: "Brief" }).click();
    await manager.getByRole("button", { name: "Edit brief" }).click();
    await manager
      .getByLabel("Desired outcome (a yes/no statement about the customer)")
      .fill("Knows the payment arrived and the next due date; no action needed");
    await manager.getByRole("combobox", { name: /^Tone/ }).selectOption("transactional");
    await manager
      .getByRole("combobox", { name: /^Persona/ })
      .selectOption({ label: "Stretched budget parent" });
    await manager.getByLabel("Must-say fact").fill("$177.17");
    await manager.getByRole("button", { name: "Add", exact: true }).click();
    await manager
      .getByLabel("Likely customer questions (one per line)")
      .fill("How much did you receive?");
    await manager.getByRole("button", { name: "Save brief" }).click();
    await expect
      .poll(() => manager.getByText(/Revision 1 by Colm Byrne/).isVisible(), { timeout: 5000 })
      .toBe(true);
    await manager.context().close();

    const marketing = await signedInPage(browser, demoAccounts.marketing.email);
    await openLive(marketing);
    await marketing.getByRole("tab", { name: "Brief" }).click();
    // A reviewer reads the brief but cannot change it.
    expect(await marketing.getByRole("button", { name: "Edit brief" }).count()).toBe(0);
    const mustSay = marketing.locator('[data-check="Must say “$177.17”"]');
    await expect.poll(() => mustSay.getAttribute("data-light"), { timeout: 5000 }).toBe("green");

    // Select "$177.17 " with the keyboard (deterministic, unlike a DOM range
    // ProseMirror reads asynchronously). Where it starts is read, not assumed.
    const text = marketing.getByRole("textbox", { name: "Message text" });
    await expect.poll(() => text.getAttribute("contenteditable")).toBe("true");
    const before = await text
      .locator("p")
      .first()
      .evaluate((p) => p.textContent ?? "");
    const at = before.indexOf("$177.17 ");
    expect(at).toBeGreaterThanOrEqual(0);
    await text.click();
    await marketing.keyboard.press("Control+Home");
    for (let i = 0; i < at; i++) await marketing.keyboard.press("ArrowRight");
    for (let i = 0; i < "$177.17 ".length; i++) await marketing.keyboard.press("Shift+ArrowRight");
    // If a key went astray the test says so here, not as a puzzling light.
    await expect
      .poll(() => marketing.evaluate(() => String(window.getSelection())))
      .toBe("$177.17 ");
    await marketing.keyboard.press("Backspace");
    await expect.poll(() => mustSay.getAttribute("data-light")).toBe("red");
    const drivers = marketing.getByRole("region", { name: "Predicted call drivers" });
    await expect
      .poll(async () => (await drivers.textContent()) ?? "", { timeout: 5000 })
      .toContain("How much did you receive?");

    // The caret is where the amount was: type it back.
    await marketing.keyboard.type("$177.17 ");
    await expect.poll(() => mustSay.getAttribute("data-light")).toBe("green");
    await expect
      .poll(
        async () =>
          (await drivers.count()) === 0 ||
          !((await drivers.textContent()) ?? "").includes("How much did you receive?"),
      )
      .toBe(true);
    await marketing.context().close();
  });

  it("a reviewer comments on the brief they cannot change; the owner answers, resolves, and retunes the tone", async () => {
    const marketing = await signedInPage(browser, demoAccounts.marketing.email);
    await openLive(marketing);
    await marketing.getByRole("tab", { name: "Brief" }).click();
    const onBrief = marketing.getByRole("region", { name: "Comments on the brief" });
    await onBrief.getByLabel("About").selectOption("Must-say facts");
    await onBrief
      .getByLabel("Comment on the brief")
      .fill("@accounting the next due date should be a must-say too");
    await onBrief.getByRole("button", { name: "Comment", exact: true }).click();
    const thread = onBrief.getByRole("listitem", { name: "Comment thread on “Must-say facts”" });
    await expect.poll(() => thread.isVisible()).toBe(true);
    await marketing.context().close();

    const manager = await signedInPage(browser, demoAccounts.commsManager.email);
    await openLive(manager);
    await manager.getByRole("tab", { name: "Brief" }).click();
    const managerThread = manager
      .getByRole("region", { name: "Comments on the brief" })
      .getByRole("listitem", { name: "Comment thread on “Must-say facts”" });
    await expect
      .poll(async () => (await managerThread.textContent()) ?? "")
      .toContain("the next due date should be a must-say too");
    await managerThread.getByLabel("Reply to “Must-say facts”").fill("Agreed — adding it.");
    await managerThread.getByRole("button", { name: "Reply" }).click();
    await expect
      .poll(async () => (await managerThread.textContent()) ?? "")
      .toContain("Agreed — adding it.");
    await managerThread.getByRole("button", { name: "Resolve" }).click();
    await expect.poll(() => managerThread.count()).toBe(0);

    // Asking for the warmest tone: the transactional text reads cooler than asked.
    await manager.getByRole("button", { name: "Edit brief" }).click();
    await manager.getByLabel("Warmth").selectOption("5");
    await manager.getByRole("button", { name: "Save brief" }).click();
    const tone = manager.locator('[data-check="Tone on target"]');
    await expect.poll(() => tone.getAttribute("data-light")).toBe("amber");
    expect(await tone.textContent()).toMatch(/cooler than asked \(warmth \d, brief 5\)/);
    // The change is a new attributed revision, and the history says what it changed.
    await manager.getByText("Brief history").click();
    await expect
      .poll(
        async () =>
          (await manager.getByRole("list", { name: "Brief history" }).textContent()) ?? "",
      )
      .toMatch(
        /Revision 2 · Colm Byrne · .+ — changed tone.*Revision 1 · Colm Byrne · .+ — first brief/,
      );
    await manager.context().close();
  });

  it("a reviewer reads a saved version as the customer and records whether they would get it", async () => {
    const legal = await signedInPage(browser, demoAccounts.legal.email);
    await openLive(legal);
    await legal.getByRole("tab", { name: "Versions" }).click();
    await legal.getByLabel("Version name").fill("For the customer reading");
    await legal.getByRole("button", { name: "Save version" }).click();
    await expect.poll(() => legal.getByText(/Saved as version \d+/).isVisible()).toBe(true);

    await legal.getByRole("tab", { name: "Customer" }).click();
    await expect
      .poll(async () => (await legal.getByLabel("Version").textContent()) ?? "")
      .toContain("For the customer reading");
    const customer = legal.getByRole("region", { name: "The customer" });
    await expect
      .poll(async () => (await customer.textContent()) ?? "")
      .toContain("Read as Stretched budget parent");
    const question = legal.getByRole("region", { name: "Would a customer get it?" });
    await expect
      .poll(async () => (await question.textContent()) ?? "")
      .toContain("Knows the payment arrived and the next due date; no action needed");
    await question.getByRole("radio", { name: "No" }).check();
    await question.getByLabel("Why").fill("The next due date is only a merge field sample.");
    await question.getByRole("button", { name: "Record my answer" }).click();
    const answers = question.getByRole("list", { name: "Answers" });
    await expect
      .poll(async () => (await answers.textContent()) ?? "")
      .toContain("No · Leo Okafor: The next due date is only a merge field sample.");
    await legal.context().close();

    // The comms manager sees legal's answer on the same version and adds theirs.
    const manager = await signedInPage(browser, demoAccounts.commsManager.email);
    await openLive(manager);
    await manager.getByRole("tab", { name: "Customer" }).click();
    const managerAnswers = manager
      .getByRole("region", { name: "Would a customer get it?" })
      .getByRole("list", { name: "Answers" });
    await expect
      .poll(async () => (await managerAnswers.textContent()) ?? "")
      .toContain("Leo Okafor");
    await manager.getByRole("radio", { name: "Yes" }).check();
    await manager.getByLabel("Why").fill("Amount and date are both there.");
    await manager.getByRole("button", { name: "Record my answer" }).click();
    await expect
      .poll(async () => (await managerAnswers.getByRole("listitem").allTextContents()).join(" | "))
      .toMatch(/No · Leo Okafor.*\| Yes · Colm Byrne: Amount and date are both there\./);
    await manager.context().close();
  });

  it("a new communication starts from a brief template", async () => {
    const manager = await signedInPage(browser, demoAccounts.commsManager.email);
    await manager.getByRole("link", { name: "New communication" }).click();
    await manager.waitForURL("**/communications/new");
    await manager.getByLabel("Title").fill(`Network work on the high street ${Date.now()}`);
    await manager.getByLabel("Channel").selectOption("SMS");
    await manager.getByLabel("Audience").fill("Households on the high street");
    await expect
      .poll(() => manager.locator("#briefTemplateId option").count(), { timeout: 5000 })
      .toBeGreaterThan(1);
    await manager.getByLabel("Start the brief from").selectOption({
      label: "Planned outage — Warn of planned work: when, how long, what to do.",
    });
    await manager.getByRole("button", { name: "Create communication" }).click();
    await manager.waitForURL(/\/communications\/(?!new)[^/]+$/);
    await expect
      .poll(() => manager.getByText("Live", { exact: true }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    await manager.getByRole("tab", { name: "Brief" }).click();
    await expect
      .poll(
        async () =>
          (await manager.getByRole("region", { name: "Conductor brief" }).textContent()) ?? "",
        { timeout: 5000 },
      )
      .toContain("Knows when the power will be off and for how long");
    await manager.context().close();
  });

  it("a comms manager edits a brief template; the next communication started from it carries the change", async () => {
    const manager = await signedInPage(browser, demoAccounts.commsManager.email);
    await manager.getByRole("link", { name: "Brief templates" }).click();
    await manager.waitForURL("**/brief-templates");
    const template = manager.getByRole("region", { name: "Template Fee change" });
    await template.getByRole("button", { name: "Edit" }).click();
    await template
      .getByLabel("Desired outcome (a yes/no statement about the customer)")
      .fill("Knows the new fee, from when, why, and how to switch plans");
    await template.getByLabel("Must-say fact").fill("the new monthly fee");
    await template.getByRole("combobox", { name: "Kind" }).selectOption("amount");
    await template.getByRole("button", { name: "Add", exact: true }).click();
    await template.getByRole("button", { name: "Save template" }).click();
    // Saved: the form closes and the template reads back with the change.
    await expect
      .poll(async () => (await template.textContent()) ?? "")
      .toContain("the new monthly fee (Accounting)");
    expect(await template.textContent()).toContain(
      "Knows the new fee, from when, why, and how to switch plans",
    );

    // A reviewer sees the templates but is offered no way to change them.
    const legal = await signedInPage(browser, demoAccounts.legal.email);
    await legal.goto("/brief-templates");
    await expect
      .poll(() => legal.getByRole("region", { name: "Template Fee change" }).isVisible())
      .toBe(true);
    expect(await legal.getByRole("button", { name: "Edit" }).count()).toBe(0);
    expect(await legal.getByRole("button", { name: "New template" }).count()).toBe(0);
    await legal.context().close();

    // A template of the organisation's own joins the library.
    const name = `Tariff review ${Date.now()}`;
    await manager.getByRole("button", { name: "New template" }).click();
    const draft = manager.getByRole("region", { name: "New brief template" });
    await draft.getByLabel("Name").fill(name);
    await draft.getByLabel("Description").fill("Say the tariff was reviewed and what changes.");
    await draft
      .getByLabel("Desired outcome (a yes/no statement about the customer)")
      .fill("Knows whether their tariff changes, and from when");
    await draft.getByRole("button", { name: "Create template" }).click();
    await expect
      .poll(() => manager.getByRole("region", { name: `Template ${name}` }).textContent())
      .toContain("Knows whether their tariff changes, and from when");

    await manager.getByRole("link", { name: "Communications" }).click();
    await manager.getByRole("link", { name: "New communication" }).click();
    await manager.waitForURL("**/communications/new");
    await manager.getByLabel("Title").fill(`Standing charge change ${Date.now()}`);
    await manager.getByLabel("Channel").selectOption("EMAIL");
    await manager.getByLabel("Audience").fill("Every household on the standard plan");
    const option = manager.locator("#briefTemplateId option", { hasText: "Fee change" });
    await expect.poll(() => option.count()).toBe(1);
    await manager
      .getByLabel("Start the brief from")
      .selectOption((await option.getAttribute("value"))!);
    await manager.getByRole("button", { name: "Create communication" }).click();
    await manager.waitForURL(/\/communications\/(?!new)[^/]+$/);
    await manager.getByRole("tab", { name: "Brief" }).click();
    await expect
      .poll(
        async () =>
          (await manager.getByRole("region", { name: "Conductor brief" }).textContent()) ?? "",
        { timeout: 10_000 },
      )
      .toContain("how to switch plans");
    await manager.context().close();
  });

  it("a persona a brief uses can be archived but not deleted; a new one can be added", async () => {
    const manager = await signedInPage(browser, demoAccounts.commsManager.email);
    await manager.getByRole("link", { name: "Personas" }).click();
    await manager.waitForURL("**/personas");
    const used = manager.getByRole("region", { name: "Persona Stretched budget parent" });
    manager.once("dialog", (dialog) => void dialog.accept());
    await used.getByRole("button", { name: "Delete" }).click();
    await expect
      .poll(() => manager.getByText(/archive it instead of deleting it/).isVisible(), {
        timeout: 5000,
      })
      .toBe(true);
    await used.getByRole("button", { name: "Archive" }).click();
    await expect.poll(() => used.count(), { timeout: 5000 }).toBe(0);
    await manager.getByLabel("Show archived").check();
    await expect.poll(() => used.getByText("Archived").isVisible(), { timeout: 5000 }).toBe(true);

    await manager.getByLabel("Name").fill("New mover");
    await manager.getByLabel("Vignette").fill("Just moved in; has never had a bill from us.");
    await manager.getByRole("button", { name: "Add persona" }).click();
    await expect
      .poll(() => manager.getByRole("region", { name: "Persona New mover" }).isVisible(), {
        timeout: 5000,
      })
      .toBe(true);
    await manager.context().close();
  });
});
