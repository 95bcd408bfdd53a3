import { demoAccounts } from "@conductor/db/seed";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser";
import { ownPaymentMessage } from "./own-message";
import { signedInPage } from "./session";

// Its own copy of the demo payment confirmation (see own-message.ts).
const title = "Payment received — suggestions test";
const shots = process.env.SCREENSHOT_DIR;

/** Opens the communication and waits until its shared document is live. */
async function openLive(page: Page) {
  await page.getByRole("link", { name: title }).click();
  await page.waitForURL(/\/communications\/(?!new)[^/]+$/);
  await expect
    .poll(() => page.getByText("Live", { exact: true }).isVisible(), { timeout: 15_000 })
    .toBe(true);
  return page.getByRole("textbox", { name: "Message text" });
}

/** The editor's text without other people's caret labels (drawn inside it). */
const textIn = (editor: Locator) =>
  editor.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collab-caret").forEach((caret) => {
      caret.remove();
    });
    return copy.textContent ?? "";
  });

const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
};

/**
 * Selects the last occurrence of `words` in the editor, as a drag would. Arrow
 * keys are not used: another person's caret at the same spot takes a press.
 */
async function selectLast(page: Page, editor: Locator, words: string) {
  await editor.evaluate((el, target) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let found: Text | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      if (node.textContent?.includes(target)) found = node as Text;
    if (!found) throw new Error(`"${target}" is not in the editor`);
    const at = found.data.lastIndexOf(target);
    const range = document.createRange();
    range.setStart(found, at);
    range.setEnd(found, at + target.length);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
  }, words);
  // The editor has taken the selection once "Comment on the selection" is offered.
  await expect
    .poll(() => page.getByRole("button", { name: "Comment on the selection" }).isEnabled())
    .toBe(true);
}

/** Goes to the communication at `address` and waits until its shared document is live. */
async function reopenLive(page: Page, address: string) {
  await page.goto(address);
  await expect
    .poll(() => page.getByText("Live", { exact: true }).isVisible(), { timeout: 15_000 })
    .toBe(true);
  return page.getByRole("textbox", { name: "Message text" });
}

describe("suggestion mode in real browsers", () => {
  let browser: Browser;
  let owner: Page;
  let legal: Page;
  let compliance: Page;

  beforeAll(async () => {
    await ownPaymentMessage(title);
    browser = await launchChromium();
    owner = await signedInPage(browser, demoAccounts.commsManager.email);
    legal = await signedInPage(browser, demoAccounts.legal.email);
    compliance = await signedInPage(browser, demoAccounts.compliance.email);
  });
  afterAll(() => browser?.close());

  it("legal and compliance suggest at once; the owner accepts legal's by function, rejects compliance's with a reason compliance then reads, and accepts a selection", async () => {
    const ownerText = await openLive(owner);
    const legalText = await openLive(legal);
    const complianceText = await openLive(compliance);
    const original = await textIn(ownerText);
    expect(original).toContain("Your next payment is due on 5/18/17.");

    // Legal switches with the keyboard shortcut, compliance with the switch.
    await legalText.click();
    await legal.keyboard.press("Control+Alt+Shift+KeyS");
    await expect
      .poll(() => legal.getByRole("button", { name: "Suggesting" }).getAttribute("aria-pressed"))
      .toBe("true");
    await compliance.getByRole("button", { name: "Suggesting" }).click();

    // Legal replaces the opening "Your" …
    await legalText.click();
    await legal.keyboard.press("Control+Home");
    await legal.keyboard.press("Shift+ArrowRight");
    await legal.keyboard.press("Shift+ArrowRight");
    await legal.keyboard.press("Shift+ArrowRight");
    await legal.keyboard.press("Shift+ArrowRight");
    await legal.keyboard.type("Thanks! Your");
    // … while compliance strikes the last date, character by character.
    await complianceText.click();
    await compliance.keyboard.press("Control+End");
    for (let i = 0; i < "5/18/17.".length; i++) await compliance.keyboard.press("Backspace");

    await owner.getByRole("tab", { name: "Suggestions" }).click();
    const cards = owner.getByRole("list", { name: "Suggestions" }).getByRole("listitem");
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(2);
    await expect
      .poll(() => cards.allTextContents())
      .toEqual([
        expect.stringContaining("Legal suggests replacing ‘Your’ with ‘Thanks! Your’"),
        expect.stringContaining("Compliance suggests removing ‘5/18/17.’"),
      ]);
    // What accepting would change, scored beside the text as it stands.
    const impact = owner.getByRole("list", { name: "What accepting would change" });
    await expect
      .poll(() => impact.textContent(), { timeout: 10_000 })
      .toMatch(
        /Accepting all 2 suggestions: (\d+ → \d+|score stays \d+).*Accepting Legal’s 1 suggestion/,
      );
    // Compliance replies on legal's suggestion: a comment thread anchored on its text.
    await compliance.getByRole("tab", { name: "Suggestions" }).click();
    await compliance
      .getByRole("listitem")
      .filter({ hasText: "Legal suggests replacing" })
      .getByRole("button", { name: "Reply…" })
      .click();
    await compliance.getByLabel("New comment").fill("Does 'Thanks!' suit a payment notice?");
    await compliance.getByRole("button", { name: "Comment", exact: true }).click();
    await expect
      .poll(() =>
        cards
          .filter({ hasText: "Legal suggests replacing" })
          .getByRole("button", { name: "Open the thread" })
          .count(),
      )
      .toBe(1);
    // The text as it stands has not moved; the struck and added text show in the editor.
    expect(await ownerText.locator("del.suggested-deletion").count()).toBeGreaterThan(0);
    expect(await ownerText.locator("ins.suggested-insertion").count()).toBeGreaterThan(0);
    await shot(owner, "suggestions-owner-pending");
    await shot(legal, "suggestions-legal-suggesting");

    await owner.getByRole("button", { name: "Accept all from Legal" }).click();
    await expect.poll(() => cards.count()).toBe(1);
    await cards.first().getByRole("button", { name: "Reject…" }).click();
    await owner.getByLabel("Why (optional; the author sees it)").fill("The due date must stay.");
    await owner.getByRole("button", { name: "Reject suggestion" }).click();
    await expect.poll(() => owner.getByText("No pending suggestions.").isVisible()).toBe(true);

    const expected = original.replace(/^Your/, "Thanks! Your");
    await expect.poll(() => textIn(complianceText)).toBe(expected);
    await expect.poll(() => textIn(legalText)).toBe(expected);
    expect(await textIn(ownerText)).toBe(expected);
    await shot(owner, "suggestions-owner-decided");

    // Legal adds a sentence; the owner selects the text and accepts what the selection holds.
    await legalText.click();
    await legal.keyboard.press("Control+End");
    await legal.keyboard.type(" Thank you.");
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(1);
    // The whole sentence has reached the owner, so the selection cannot take it half-typed.
    await expect
      .poll(() => cards.first().textContent(), { timeout: 10_000 })
      .toContain("Thank you.");
    await ownerText.click();
    await owner.keyboard.press("Control+A");
    const acceptSelected = owner.getByRole("button", { name: "Accept selected (1)" });
    await expect.poll(() => acceptSelected.isVisible()).toBe(true);
    await shot(owner, "suggestions-owner-selection");
    await acceptSelected.click();
    await expect.poll(() => owner.getByText("No pending suggestions.").isVisible()).toBe(true);
    await expect.poll(() => textIn(complianceText)).toBe(`${expected} Thank you.`);

    // Compliance reads why theirs was turned down.
    await compliance.goto("/notifications");
    const notice = compliance.getByRole("link", { name: /did not accept your suggestion/ }).first();
    await expect
      .poll(() => notice.textContent(), { timeout: 10_000 })
      .toContain("removing ‘5/18/17.’ — “The due date must stay.”");
    await shot(compliance, "suggestions-compliance-rejection-notice");
  });

  it("a reviewer makes words bold and another inserts a merge field, as suggestions; the owner accepts the bold and rejects the field", async () => {
    const address = new URL(owner.url()).pathname;
    const ownerText = owner.getByRole("textbox", { name: "Message text" });
    const legalText = legal.getByRole("textbox", { name: "Message text" });
    const before = await textIn(ownerText);
    expect(before).toMatch(/ Thank you\.$/);
    const dueDates = () => ownerText.locator('[data-merge-field="due_date"]').count();
    const dueDatesBefore = await dueDates();
    // A version before the formatting, for the diff to list what is accepted after it.
    await owner.getByRole("tab", { name: "Versions" }).click();
    await owner.getByLabel("Version name").fill("Before formatting");
    await owner.getByRole("button", { name: "Save version" }).click();
    await expect
      .poll(() => owner.getByRole("status").filter({ hasText: "Saved as version" }).count())
      .toBe(1);

    // Legal (still Suggesting) selects the last sentence and makes it bold.
    await expect
      .poll(() => legal.getByRole("button", { name: "Suggesting" }).getAttribute("aria-pressed"))
      .toBe("true");
    await legalText.click();
    await selectLast(legal, legalText, "Thank you.");
    await legal.keyboard.press("Control+KeyB");
    // Compliance comes back to the message, suggests, and puts the due date at the end.
    const complianceText = await reopenLive(compliance, address);
    await compliance.getByRole("button", { name: "Suggesting" }).click();
    await complianceText.click();
    await compliance.keyboard.press("Control+End");
    await compliance.getByLabel("Insert merge field").selectOption("due_date");

    await owner.getByRole("tab", { name: "Suggestions" }).click();
    const cards = owner.getByRole("list", { name: "Suggestions" }).getByRole("listitem");
    await expect
      .poll(() => cards.allTextContents(), { timeout: 10_000 })
      .toEqual([
        expect.stringContaining("Legal suggests making ‘Thank you.’ bold"),
        expect.stringContaining("Compliance suggests inserting {due date}"),
      ]);
    // The proposed bold shows in the text, in legal's colour, and is not yet the text's.
    const proposed = ownerText.locator('span.suggested-format[data-format-add~="bold"]');
    await expect.poll(() => proposed.textContent()).toBe("Thank you.");
    expect(await proposed.evaluate((el) => getComputedStyle(el).fontWeight)).toBe("700");
    expect(await ownerText.locator("strong").filter({ hasText: "Thank you." }).count()).toBe(0);
    await expect.poll(dueDates).toBe(dueDatesBefore + 1);
    // Each card says what accepting it would change; the owner's caret leaves the text unselected.
    await expect
      .poll(async () => (await cards.allTextContents()).every((t) => t.includes("Accepting:")))
      .toBe(true);
    await ownerText.click();
    await owner.keyboard.press("Control+End");
    expect(
      await ownerText.locator('[data-merge-field="due_date"][data-suggested="insertion"]').count(),
    ).toBe(1);
    await shot(owner, "suggestions-format-field-cards");
    await shot(legal, "suggestions-format-legal-view");

    await cards
      .filter({ hasText: "making ‘Thank you.’ bold" })
      .getByRole("button", { name: "Accept" })
      .click();
    await expect.poll(() => cards.count()).toBe(1);
    await cards.first().getByRole("button", { name: "Reject…" }).click();
    await owner.getByRole("button", { name: "Reject suggestion" }).click();
    await expect.poll(() => owner.getByText("No pending suggestions.").isVisible()).toBe(true);

    // Bold is now the text's own formatting, everywhere; the field is gone; the words are as they were.
    for (const page of [owner, legal, compliance]) {
      const text = page.getByRole("textbox", { name: "Message text" });
      await expect
        .poll(() => text.locator("strong").filter({ hasText: "Thank you." }).count())
        .toBe(1);
      await expect.poll(() => text.locator("span.suggested-format").count()).toBe(0);
      await expect
        .poll(() => text.locator('[data-merge-field="due_date"]').count())
        .toBe(dueDatesBefore);
      await expect.poll(() => textIn(text)).toBe(before);
    }
    await shot(owner, "suggestions-format-field-decided");
  });

  it("during a review a reviewer cannot leave Suggesting, and approving beside their pending suggestion asks them to withdraw it or approve with changes", async () => {
    await owner.getByRole("tab", { name: "Review", exact: true }).click();
    const submit = owner.getByRole("button", { name: "Submit for review" });
    const status = () => owner.locator("[data-review-status]").getAttribute("data-review-status");
    const override = owner.getByLabel(
      "Why submit below the minimum score or with blocking findings?",
    );
    await submit.click();
    await expect
      .poll(async () => (await status()) === "IN_REVIEW" || (await override.isVisible()), {
        timeout: 15_000,
      })
      .toBe(true);
    if ((await status()) !== "IN_REVIEW") {
      await override.fill("The wording is what the review is for.");
      await submit.click();
    }
    await expect.poll(status, { timeout: 15_000 }).toBe("IN_REVIEW");

    // Legal's page now holds them to Suggesting.
    await legal.reload();
    await expect
      .poll(() => legal.getByText("Live", { exact: true }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    expect(await legal.getByRole("button", { name: "Editing" }).isDisabled()).toBe(true);
    await expect
      .poll(() => legal.getByRole("button", { name: "Suggesting" }).getAttribute("aria-pressed"))
      .toBe("true");
    const legalText = legal.getByRole("textbox", { name: "Message text" });
    await legalText.click();
    await legal.keyboard.press("Control+End");
    await legal.keyboard.type(" Regards.");
    await owner.getByRole("tab", { name: "Suggestions" }).click();
    const cards = owner.getByRole("list", { name: "Suggestions" }).getByRole("listitem");
    await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(1);

    await legal.getByRole("tab", { name: "Review", exact: true }).click();
    const form = legal.getByRole("form", { name: "Your decision" });
    await expect.poll(() => form.isVisible(), { timeout: 10_000 }).toBe(true);
    await form.getByRole("radio", { name: "Approve", exact: true }).check();
    await form.getByRole("button", { name: "Record decision" }).click();
    await expect
      .poll(() => form.getByRole("alert").textContent(), { timeout: 10_000 })
      .toBe("Legal has a pending suggestion on this message: withdraw it, or approve with changes");
    await shot(legal, "suggestions-legal-approve-with-changes");
    await form.getByRole("button", { name: "Approve with changes" }).click();
    await expect.poll(() => form.count(), { timeout: 10_000 }).toBe(0);
    const stages = legal.getByRole("list", { name: "Stages" });
    await expect
      .poll(() => stages.textContent(), { timeout: 10_000 })
      .toMatch(/Approved \(with changes\) by Leo Okafor .*1 suggestion pending then/);
    await shot(legal, "suggestions-legal-approved-with-changes");
  });

  it("once every stage approves, the certificate and the version diff list the accepted suggestions, formatting included", async () => {
    const address = new URL(owner.url()).pathname;
    for (const account of ["compliance", "regulatory", "accounting", "product"] as const) {
      const page = await signedInPage(browser, demoAccounts[account].email);
      await reopenLive(page, address);
      await page.getByRole("tab", { name: "Review", exact: true }).click();
      const form = page.getByRole("form", { name: "Your decision" });
      await expect.poll(() => form.isVisible(), { timeout: 10_000 }).toBe(true);
      await form.getByRole("radio", { name: "Approve", exact: true }).check();
      await form.getByRole("button", { name: "Record decision" }).click();
      await expect.poll(() => form.count(), { timeout: 10_000 }).toBe(0);
      await page.context().close();
    }

    await owner.goto(`${address}/certificate`);
    const listed = owner.getByRole("region", { name: "Accepted suggestions" });
    await expect.poll(() => listed.isVisible(), { timeout: 10_000 }).toBe(true);
    const certificateText = (await listed.textContent()) ?? "";
    expect(certificateText).toContain("Made ‘Thank you.’ bold");
    expect(certificateText).toContain("Thanks! Your");
    expect(certificateText).toMatch(/Leo Okafor \(Legal\)/);
    await shot(owner, "suggestions-certificate");

    await reopenLive(owner, address);
    await owner.getByRole("tab", { name: "Versions" }).click();
    // The oldest version against the newest, by value: the list may still be
    // loading (or grow with the release's version) when the tab opens.
    const from = owner.getByLabel("From version");
    const versions = from.locator("option:not([value=''])");
    await expect.poll(() => versions.count(), { timeout: 10_000 }).toBeGreaterThan(1);
    await from.selectOption((await versions.last().getAttribute("value")) ?? "");
    await owner
      .getByLabel("To version")
      .selectOption((await versions.first().getAttribute("value")) ?? "");
    const diff = owner.getByRole("list", { name: "Accepted suggestions" });
    await expect
      .poll(() => diff.textContent(), { timeout: 10_000 })
      .toContain("Made ‘Thank you.’ bold");
    await shot(owner, "suggestions-version-diff");

    await owner.goto("/settings/review");
    const setting = owner.getByLabel(
      /Comms managers may edit the text directly while a review is open/,
    );
    await expect.poll(() => setting.isVisible(), { timeout: 10_000 }).toBe(true);
    await shot(owner, "suggestions-settings-review");
  });
});
