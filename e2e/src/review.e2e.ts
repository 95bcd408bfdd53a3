import { demoAccounts } from "@conductor/db/seed";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser";
import { signedInPage } from "./session";

const title = "Planned outage tonight";

/** The communication's address, found from the list once (later visits go straight there). */
let address: string | null = null;

/** Signs in, opens the communication's Review tab once the editor is live. */
async function reviewTabAs(browser: Browser, account: keyof typeof demoAccounts): Promise<Page> {
  const page = await signedInPage(browser, demoAccounts[account].email);
  if (address) await page.goto(address);
  else {
    await page.getByRole("link", { name: title }).click();
    await page.waitForURL(/\/communications\/(?!new)[^/]+$/);
    address = new URL(page.url()).pathname;
  }
  await expect
    .poll(() => page.getByText("Live", { exact: true }).isVisible(), { timeout: 15_000 })
    .toBe(true);
  await page.getByRole("tab", { name: "Review", exact: true }).click();
  return page;
}

const statusOf = (page: Page) =>
  page.locator("[data-review-status]").getAttribute("data-review-status");

async function decide(
  browser: Browser,
  account: keyof typeof demoAccounts,
  choice: "Approve" | "Request changes",
  reason?: string,
  comment?: string,
) {
  const page = await reviewTabAs(browser, account);
  const form = page.getByRole("form", { name: "Your decision" });
  await expect.poll(() => form.isVisible(), { timeout: 10_000 }).toBe(true);
  await form.getByRole("radio", { name: choice, exact: true }).check();
  if (reason) await form.getByLabel("Reason").selectOption(reason);
  if (comment) await form.getByLabel("Comment", { exact: true }).fill(comment);
  await form.getByRole("button", { name: "Record decision" }).click();
  await expect.poll(() => form.count()).toBe(0);
  return page;
}

describe("review and release in a real browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it("submit → legal requests changes → owner edits → every stage approves → release → certificate", async () => {
    const manager = await reviewTabAs(browser, "commsManager");
    // The owner names legal's reviewer for this message.
    await manager.getByText(/^Named reviewers/).click();
    const legalGroup = manager.getByRole("group", { name: "Legal" });
    await legalGroup.getByRole("checkbox", { name: "Leo Okafor" }).check();
    await expect.poll(() => manager.getByText("Named reviewers (1)").isVisible()).toBe(true);
    await manager.getByRole("button", { name: "Submit for review" }).click();
    await expect.poll(() => statusOf(manager), { timeout: 10_000 }).toBe("IN_REVIEW");
    await manager.context().close();

    // Legal hears about it in the app.
    const told = await signedInPage(browser, demoAccounts.legal.email);
    await told.getByRole("link", { name: /Notifications/ }).click();
    await told.waitForURL("**/notifications");
    await expect
      .poll(() =>
        told
          .getByText(/a review waits on you:/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    expect(await told.getByText(`${title}: version`).count()).toBeGreaterThan(0);
    await told.context().close();

    const legal = await decide(
      browser,
      "legal",
      "Request changes",
      "unclear",
      "Say when the power comes back in the first line.",
    );
    await expect.poll(() => statusOf(legal)).toBe("CHANGES_REQUESTED");
    await legal.context().close();

    // The owner edits the text and submits the new version.
    const owner = await reviewTabAs(browser, "commsManager");
    const text = owner.getByRole("textbox", { name: "Message text" });
    await expect.poll(() => text.getAttribute("contenteditable")).toBe("true");
    await text.click();
    await owner.keyboard.press("Control+End");
    await owner.keyboard.type(" Power is back by 3am.");
    await expect
      .poll(() =>
        owner.getByText(/The draft has changed since this version was submitted/).isVisible(),
      )
      .toBe(true);
    await owner.getByRole("button", { name: "Submit the new version" }).click();
    await expect.poll(() => statusOf(owner), { timeout: 10_000 }).toBe("IN_REVIEW");
    // Legal's request was about the old version: shown, struck through, superseded.
    await expect
      .poll(async () => (await owner.getByRole("list", { name: "Stages" }).textContent()) ?? "")
      .toContain("Requested changes by Leo Okafor");
    expect(await owner.getByText("(superseded: made on an earlier version)").count()).toBe(1);
    // …with what changed since legal decided.
    await owner.getByRole("button", { name: "What changed since Leo Okafor decided" }).click();
    await expect
      .poll(async () => (await owner.locator("ins").allTextContents()).join(""))
      .toContain("Power is back by 3am.");
    await owner.context().close();

    // Accounting's inbox is empty until the first stage is done.
    const inboxOf = async (account: keyof typeof demoAccounts) => {
      const page = await signedInPage(browser, demoAccounts[account].email);
      await page.getByRole("link", { name: "Reviews", exact: true }).click();
      await page.waitForURL("**/reviews");
      const titles = await page.getByRole("link", { name: title }).count();
      await page.context().close();
      return titles;
    };
    expect(await inboxOf("accounting")).toBe(0);
    expect(await inboxOf("legal")).toBe(1);
    for (const account of ["legal", "compliance", "regulatory"] as const)
      await (await decide(browser, account, "Approve")).context().close();
    expect(await inboxOf("accounting")).toBe(1);
    for (const account of ["accounting", "product"] as const)
      await (await decide(browser, account, "Approve")).context().close();

    const releaser = await reviewTabAs(browser, "commsManager");
    await expect.poll(() => statusOf(releaser)).toBe("APPROVED");
    const release = releaser.getByRole("form", { name: "Release" });
    await release.getByLabel("Send date 1").fill("2026-12-02");
    await release.getByLabel("Recipients").fill("1200");
    await release.getByLabel("Campaign id (optional)").fill("OUT-HX-1202");
    await release.getByRole("button", { name: "Release" }).click();
    await expect.poll(() => statusOf(releaser)).toBe("RELEASED");

    await releaser.getByRole("link", { name: "Approval certificate" }).click();
    await releaser.waitForURL(/\/certificate$/);
    const certificate = releaser.getByRole("article", { name: "Approval certificate" });
    const content = (await certificate.textContent()) ?? "";
    expect(content).toContain("Power is back by 3am.");
    expect(content).toMatch(/SHA-256 of the content and brief: [0-9a-f]{64}/);
    for (const name of ["Leo Okafor", "Chloe Martin", "Raj Iyer", "Ana Sousa"])
      expect(content).toContain(name);
    // Only decisions on the released version count: legal's request is not on it.
    expect(content).not.toContain("Requested changes");
    expect(content).toContain("1,200 recipients");
    expect(content).toContain("campaign OUT-HX-1202");
    expect(content).toContain("by Colm Byrne (comms manager)");
    // The same certificate as a PDF, with its data attached.
    const pdfAddress = await releaser
      .getByRole("link", { name: "Download PDF" })
      .getAttribute("href");
    const pdf = await releaser.request.get(pdfAddress!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect(pdf.headers()["content-disposition"]).toMatch(/approval-certificate-.*\.pdf/);
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(bytes.toString("latin1")).toContain("certificate.json");

    // The trail exports, and the whole organisation's trail verifies.
    const exported = await releaser.request.get(`/api${address}/audit?format=csv`);
    expect(exported.headers()["content-type"]).toContain("text/csv");
    const lines = (await exported.text()).trim().split("\r\n");
    expect(lines[0]).toBe("sequence,createdAt,kind,actor,actorEmail,payload,prevHash,hash");
    const kinds = lines.slice(1).map((line) => line.split(",")[2]);
    expect(kinds).toEqual(
      expect.arrayContaining(["SUBMITTED", "SUPERSEDED", "DECIDED", "RELEASED"]),
    );
    await releaser.goto("/settings/audit");
    await releaser.getByRole("button", { name: "Verify the audit trail" }).click();
    await expect
      .poll(() => releaser.locator("[data-verify-result]").getAttribute("data-verify-result"))
      .toBe("ok");
    await releaser.context().close();
    // Eight browser sessions in turn: about 40 s on an idle machine.
  }, 180_000);

  it("a sending system's token records releases through the API, and stops when revoked", async () => {
    const admin = await signedInPage(browser, demoAccounts.admin.email);
    const href = await admin
      .getByRole("link", { name: "Payment received — black box" })
      .getAttribute("href");
    const communicationId = href!.split("/").pop()!;
    await admin.goto("/settings");
    await admin.getByLabel("System", { exact: true }).fill("Mail house");
    await admin.getByRole("button", { name: "Make a token" }).click();
    const shown = admin.locator("[data-release-token]");
    await expect.poll(() => shown.isVisible()).toBe(true);
    const token = (await shown.textContent())!.trim();
    expect(token).toMatch(/^cdr_/);

    const post = (data: unknown, auth: string | null = `Bearer ${token}`) =>
      admin.request.post("/api/v1/releases", {
        data,
        headers: auth ? { authorization: auth } : {},
      });
    const body = { communicationId, channel: "SMS", sendDates: ["2027-03-01"], recipients: 500 };
    expect((await post(body, null)).status()).toBe(401);
    expect((await post(body, "Bearer cdr_wrong")).status()).toBe(401);
    const bad = await post({ ...body, recipients: 0 });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).fieldErrors).toHaveProperty("recipients");
    // Never reviewed: nothing to release.
    const refused = await post(body);
    expect(refused.status()).toBe(409);
    expect((await refused.json()).reason).toBe("NOT_APPROVED");

    await admin.getByRole("button", { name: "Revoke Mail house" }).first().click();
    await expect.poll(async () => (await post(body)).status()).toBe(401);
    await admin.context().close();
  });

  it("a comms manager changes the review stages and rules in settings; a reviewer only reads them", async () => {
    const manager = await signedInPage(browser, demoAccounts.commsManager.email);
    await manager.goto("/settings/review");
    await expect
      .poll(() => manager.getByLabel("Stage 2 name").inputValue(), { timeout: 10_000 })
      .toBe("Accounting and product");
    await manager.getByRole("button", { name: "Add a stage" }).click();
    await manager.getByLabel("Stage 3 name").fill("Marketing check");
    await manager
      .getByRole("listitem", { name: "Stage 3" })
      .getByRole("checkbox", { name: "Marketing" })
      .check();
    await manager.getByRole("button", { name: "Save stages" }).click();
    await expect
      .poll(() => manager.getByText(/New submissions use these stages/).isVisible())
      .toBe(true);
    await manager.reload();
    await expect
      .poll(() => manager.getByLabel("Stage 3 name").inputValue(), { timeout: 10_000 })
      .toBe("Marketing check");
    // A stage nobody decides is refused, and says why.
    await manager
      .getByRole("listitem", { name: "Stage 3" })
      .getByRole("checkbox", { name: "Marketing" })
      .uncheck();
    await manager.getByRole("button", { name: "Save stages" }).click();
    await expect.poll(() => manager.getByText(/Not saved/).isVisible()).toBe(true);
    // Put the standard stages back for whoever runs next.
    await manager.getByRole("button", { name: "Remove stage 3" }).click();
    await manager.getByRole("button", { name: "Save stages" }).click();
    await expect
      .poll(() => manager.getByText(/New submissions use these stages/).isVisible())
      .toBe(true);
    await manager.context().close();

    const legal = await signedInPage(browser, demoAccounts.legal.email);
    await legal.goto("/settings/review");
    await expect
      .poll(() => legal.getByLabel("Stage 1 name").isDisabled(), { timeout: 10_000 })
      .toBe(true);
    expect(await legal.getByRole("button", { name: "Save stages" }).count()).toBe(0);
    // The disabled controls say why.
    expect(
      await legal.getByRole("status").filter({ hasText: "Read only" }).textContent(),
    ).toContain("Only comms managers and admins change the review set-up");
    await legal.context().close();
  });
  it("the owner picks another review template, then withdraws the review with a reason", async () => {
    const manager = await signedInPage(browser, demoAccounts.commsManager.email);
    await manager.goto("/settings/review");
    await expect
      .poll(() => manager.locator("#template-picker").isVisible(), { timeout: 10_000 })
      .toBe(true);
    await manager.locator("#template-picker").selectOption("new");
    await manager.locator("#template-name").fill("Legal only");
    await manager.getByRole("button", { name: "Remove stage 2" }).click();
    await manager.getByLabel("Stage 1 name").fill("Legal check");
    for (const name of ["Compliance", "Regulatory"])
      await manager
        .getByRole("listitem", { name: "Stage 1" })
        .getByRole("checkbox", { name })
        .uncheck();
    await manager.getByRole("button", { name: "Save stages" }).click();
    await expect
      .poll(() => manager.locator("#template-picker option:checked").textContent())
      .toBe("Legal only");

    await manager.goto("/communications");
    await manager.getByRole("link", { name: "Monthly account fee is changing" }).click();
    await manager.waitForURL(/\/communications\/(?!new)[^/]+$/);
    await expect
      .poll(() => manager.getByText("Live", { exact: true }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    await manager.getByRole("tab", { name: "Review", exact: true }).click();
    await manager.locator("#review-template").selectOption({ label: "Legal only" });
    await manager.getByRole("button", { name: "Submit for review" }).click();
    await expect.poll(() => statusOf(manager), { timeout: 10_000 }).toBe("IN_REVIEW");
    const stages = manager.getByRole("list", { name: "Stages" });
    expect(await stages.textContent()).toContain("1. Legal check");
    expect(await stages.textContent()).not.toContain("Accounting");

    await manager.getByRole("button", { name: "Withdraw the review…" }).click();
    await manager.locator("#withdraw-reason").fill("The fee change moved to next quarter");
    await manager.getByRole("button", { name: "Withdraw", exact: true }).click();
    await expect.poll(() => statusOf(manager)).toBe("WITHDRAWN");
    expect(
      await manager.getByText("Withdrawn: The fee change moved to next quarter").isVisible(),
    ).toBe(true);
    // Nothing waits on legal any more.
    const legal = await signedInPage(browser, demoAccounts.legal.email);
    await legal.goto("/reviews");
    await expect
      .poll(() => legal.getByRole("heading", { level: 1 }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(await legal.getByText("Monthly account fee is changing").count()).toBe(0);
    await legal.context().close();
    await manager.context().close();
  });
});
