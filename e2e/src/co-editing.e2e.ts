import { demoAccounts } from "@conductor/db/seed";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser";
import { signedInPage } from "./session";

/** Opens a communication from the list and waits until its shared document is live. */
async function openLive(page: Page, title: string) {
  await page.getByRole("link", { name: title }).click();
  await page.waitForURL(/\/communications\/(?!new)[^/]+$/);
  await expect
    .poll(() => page.getByText("Live", { exact: true }).isVisible(), { timeout: 15_000 })
    .toBe(true);
  return page.getByRole("textbox", { name: "Message text" });
}

/** Milliseconds until `check` holds (polling every 20 ms), or fails after `limit`. */
async function msUntil(check: () => Promise<boolean>, limit = 5000) {
  const started = Date.now();
  while (Date.now() - started < limit) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not seen within ${limit} ms`);
}

describe("co-editing in real browsers", () => {
  let browser: Browser;
  let legal: Page;
  let marketing: Page;
  const title = "Payment received — heart-centred";

  beforeAll(async () => {
    browser = await launchChromium();
    legal = await signedInPage(browser, demoAccounts.legal.email);
    marketing = await signedInPage(browser, demoAccounts.marketing.email);
  });
  afterAll(() => browser?.close());

  it("legal and marketing each see the other's typing and caret within a second", async () => {
    const legalText = await openLive(legal, title);
    const marketingText = await openLive(marketing, title);
    // Each sees the other in the list of who is here, labelled by function.
    await expect
      .poll(() => marketing.getByRole("list", { name: "Who is here" }).textContent())
      .toContain("Leo OkaforLegal");

    await legalText.click();
    await legal.keyboard.press("Control+End");
    await legal.keyboard.type(" Legal adds this line.");
    const seen = await msUntil(async () =>
      ((await marketingText.textContent()) ?? "").includes("Legal adds this line."),
    );
    expect(seen).toBeLessThan(1000);
    // Legal's caret, with name and function, is drawn in marketing's editor.
    expect(
      await marketing.locator('.collab-caret[data-collaborator="Leo Okafor"]').textContent(),
    ).toBe("Leo Okafor · Legal");

    await marketingText.click();
    await marketing.keyboard.press("Control+End");
    await marketing.keyboard.type(" Marketing replies.");
    const back = await msUntil(async () =>
      ((await legalText.textContent()) ?? "").includes("Marketing replies."),
    );
    expect(back).toBeLessThan(1000);
  });

  it("the clarity panel follows the text as it is typed, and a suggestion applies in one click", async () => {
    const text = marketing.getByRole("textbox", { name: "Message text" });
    await text.click();
    await marketing.keyboard.press("Control+End");
    await marketing.keyboard.type(" Please utilise the portal.");
    const finding = marketing.getByRole("button", { name: /utilise/i }).first();
    await expect.poll(() => finding.isVisible(), { timeout: 5000 }).toBe(true);
    await marketing.getByRole("button", { name: "Use “use”" }).first().click();
    await expect
      .poll(async () => (await text.textContent()) ?? "")
      .toContain("Please use the portal.");
    await expect
      .poll(
        async () =>
          (await legal.getByRole("textbox", { name: "Message text" }).textContent()) ?? "",
      )
      .toContain("Please use the portal.");
  });

  it("a comment made by marketing appears for legal, who resolves it", async () => {
    const text = marketing.getByRole("textbox", { name: "Message text" });
    await text.click();
    await marketing.keyboard.press("Control+End");
    // Its own paragraph, so Shift+Home selects exactly these words.
    await marketing.keyboard.press("Enter");
    await marketing.keyboard.type("Needs a second look.");
    await marketing.keyboard.press("Shift+Home");
    await marketing.getByRole("button", { name: "Comment on the selection" }).click();
    await marketing.getByLabel("New comment").fill("@legal is this wording fine?");
    await marketing.getByRole("button", { name: "Comment", exact: true }).click();
    await expect
      .poll(() => marketing.locator("[data-comment-thread]").count(), { timeout: 5000 })
      .toBeGreaterThan(0);

    await legal.getByRole("tab", { name: "Comments" }).click();
    const thread = legal.getByRole("listitem", {
      name: /Comment thread on “.*second look/,
    });
    await expect.poll(() => thread.isVisible(), { timeout: 5000 }).toBe(true);
    expect(await thread.textContent()).toContain("@legal is this wording fine?");
    // The anchor is in legal's copy of the document too.
    expect(await legal.locator("[data-comment-thread]").count()).toBeGreaterThan(0);
    // Legal may reply but not resolve (author or owner only); marketing, the author, resolves.
    expect(await thread.getByRole("button", { name: "Resolve" }).count()).toBe(0);
    await thread.getByLabel(/Reply to “.*second look/).fill("Fine by legal.");
    await thread.getByRole("button", { name: "Reply" }).click();

    await marketing.getByRole("tab", { name: "Comments" }).click();
    const own = marketing.getByRole("listitem", {
      name: /Comment thread on “.*second look/,
    });
    await expect
      .poll(async () => (await own.textContent()) ?? "", { timeout: 5000 })
      .toContain("Fine by legal.");
    await own.getByRole("button", { name: "Resolve" }).click();
    await expect
      .poll(() => legal.getByText("0 open · 1 resolved").isVisible(), { timeout: 5000 })
      .toBe(true);

    // The @legal mention reached legal in the app, and leads back to the thread.
    await legal.getByRole("link", { name: /Notifications \d+ unread/ }).click();
    await legal.waitForURL("**/notifications");
    const mention = legal.getByRole("link", {
      name: /Maya Patel mentioned you: @legal is this wording fine\?/,
    });
    await expect.poll(() => mention.isVisible(), { timeout: 5000 }).toBe(true);
    await mention.click();
    await legal.waitForURL(/\/communications\/[^/]+\?thread=/);
    await expect
      .poll(() => legal.getByRole("tab", { name: "Comments", selected: true }).isVisible())
      .toBe(true);
  });

  it("the anchor follows its text through others' edits; deleting the text leaves 'text removed'", async () => {
    const anchored = marketing.locator("[data-comment-thread]").first();
    expect(await anchored.textContent()).toBe("Needs a second look.");
    // Legal writes before the anchored words: the anchor stays on them.
    const legalText = legal.getByRole("textbox", { name: "Message text" });
    await expect.poll(() => legalText.getAttribute("contenteditable")).toBe("true");
    await legalText.click();
    await legal.keyboard.press("Control+Home");
    await legal.keyboard.type("Hello. ");
    await expect
      .poll(
        async () =>
          (await marketing.getByRole("textbox", { name: "Message text" }).textContent()) ?? "",
      )
      .toMatch(/^Hello\. /);
    expect(await anchored.textContent()).toBe("Needs a second look.");

    // Marketing deletes the anchored words: the thread stays, marked "text removed".
    const text = marketing.getByRole("textbox", { name: "Message text" });
    await text.click();
    await marketing.keyboard.press("Control+End");
    await marketing.keyboard.press("Shift+Home");
    await marketing.keyboard.press("Backspace");
    await expect.poll(() => marketing.locator("[data-comment-thread]").count()).toBe(0);
    await marketing.getByLabel("Show resolved").check();
    const thread = marketing.getByRole("listitem", { name: /Comment thread on “.*second look/ });
    await expect.poll(() => thread.getByText("text removed").isVisible()).toBe(true);
    expect(await thread.textContent()).toContain("@legal is this wording fine?");
  });

  it("saving two versions and comparing them shows the change", async () => {
    await marketing.getByRole("tab", { name: "Versions" }).click();
    await marketing.getByLabel("Version name").fill("Before the apology");
    await marketing.getByRole("button", { name: "Save version" }).click();
    await expect
      .poll(() => marketing.getByRole("status").textContent(), { timeout: 5000 })
      .toMatch(/Saved as version \d+/);

    const text = marketing.getByRole("textbox", { name: "Message text" });
    await text.click();
    await marketing.keyboard.press("Control+End");
    await marketing.keyboard.type(" Sorry for the wait.");
    await marketing.getByLabel("Version name").fill("With the apology");
    await marketing.getByRole("button", { name: "Save version" }).click();
    await expect
      .poll(() => marketing.getByRole("status").textContent(), { timeout: 5000 })
      .toMatch(/Saved as version \d+/);

    const versions = marketing.getByRole("list", { name: "Versions" });
    await expect.poll(() => versions.getByRole("listitem").count()).toBeGreaterThanOrEqual(2);
    const choose = async (select: "From" | "To", name: string) => {
      const field = marketing.getByLabel(`${select} version`);
      const value = await field.locator("option", { hasText: name }).first().getAttribute("value");
      await field.selectOption(value!);
    };
    await choose("From", "Before the apology");
    await choose("To", "With the apology");
    const diff = marketing.getByTestId("version-diff");
    await expect.poll(() => diff.isVisible(), { timeout: 5000 }).toBe(true);
    expect(await diff.locator("ins").allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining("Sorry for the wait")]),
    );
  });

  it("removing a member closes their open editor", async () => {
    const product = await signedInPage(browser, demoAccounts.product.email);
    const text = await openLive(product, title);
    await expect.poll(() => text.getAttribute("contenteditable")).toBe("true");

    const admin = await signedInPage(browser, demoAccounts.admin.email);
    await admin.goto("/settings");
    await admin
      .getByRole("button", { name: `Edit access for ${demoAccounts.product.name}` })
      .click();
    admin.once("dialog", (dialog) => void dialog.accept());
    await admin.getByRole("button", { name: "Remove member" }).click();

    const refusal = product.getByText("You no longer have access to this message");
    await expect.poll(() => refusal.isVisible(), { timeout: 5000 }).toBe(true);
    // The message itself is taken off the screen.
    expect(await text.count()).toBe(0);

    // Leave the organisation as the other tests expect it: product joins again,
    // the only way anyone joins — by an invitation accepted while signed in.
    await admin.goto("/settings");
    const invite = admin.locator("form", { has: admin.getByRole("button", { name: "Invite" }) });
    await invite.getByLabel("Email").fill(demoAccounts.product.email);
    await invite.getByRole("checkbox", { name: "Product" }).check();
    await invite.getByRole("button", { name: "Invite" }).click();
    const link = await admin.getByLabel("Invitation link").inputValue();
    await product.goto(new URL(link).pathname);
    await product.getByRole("button", { name: "Accept and join" }).click();
    await product.waitForURL("**/communications");
    await admin.goto("/settings");
    await expect
      .poll(() =>
        admin
          .getByRole("button", { name: `Edit access for ${demoAccounts.product.name}` })
          .isVisible(),
      )
      .toBe(true);
    await Promise.all([product.context().close(), admin.context().close()]);
  });

  it("an analyst's editor is read-only", async () => {
    const analyst = await signedInPage(browser, demoAccounts.analyst.email);
    const text = await openLive(analyst, title);
    await expect
      .poll(() => analyst.getByText("Read only — you can comment, not edit").isVisible())
      .toBe(true);
    await expect.poll(() => text.getAttribute("contenteditable")).toBe("false");
    expect(await analyst.getByRole("button", { name: "Bold" }).count()).toBe(0);

    // Analysts may still comment: the server anchors the thread for them.
    await analyst.evaluate(() => {
      const root = document.querySelector('[aria-label="Message text"]')!;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf("Thank you");
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + "Thank you".length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
      throw new Error("no 'Thank you' in the message");
    });
    await analyst.getByRole("button", { name: "Comment on the selection" }).click();
    await analyst.getByLabel("New comment").fill("Do customers read this far?");
    await analyst.getByRole("button", { name: "Comment", exact: true }).click();
    const thread = analyst.getByRole("listitem", { name: "Comment thread on “Thank you”" });
    await expect.poll(() => thread.isVisible(), { timeout: 5000 }).toBe(true);
    await expect
      .poll(() => analyst.locator("[data-comment-thread]", { hasText: "Thank you" }).count())
      .toBe(1);
    expect(await thread.getByText("text removed").count()).toBe(0);
    await analyst.context().close();
  });
});
