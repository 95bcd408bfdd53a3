// Predicted calls and the Evidence page on a history with a known truth:
// an organisation of its own (so the demo's scores and rules stay as the
// other browser tests expect) holding a seeded simulated history — sixty
// releases whose findings have true effects for some rules and none for
// others, and two years of daily calls. The comms manager sees the number
// beside Submit; an analyst reads the calibration and the rule evidence and
// cannot adopt; an admin adopts the proposal with a reason and finds the
// new version in Settings → Rules.
import { simulateHistory } from "@conductor/core/evidence";
import { writeSimulatedHistory } from "@conductor/core/simulated-history";
import { type Database, openDatabase } from "@conductor/db";
import { createMember, createOrganization, DEMO_PASSWORD } from "@conductor/db/seed";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { describeViolations, seriousViolations } from "./axe";
import { launchChromium } from "./browser";
import { signedInPage } from "./session";

const shots = process.env.E2E_SCREENSHOTS ?? "/tmp";
const people = {
  manager: "evidence-manager@example.test",
  analyst: "evidence-analyst@example.test",
  admin: "evidence-admin@example.test",
} as const;

const topics = [
  "Payment date",
  "Bill amount",
  "Tariff change",
  "Meter reading",
  "Direct debit",
  "Refund",
  "Moving home",
  "Solar panels",
  "Outage",
  "Complaint",
  "Account access",
  "Discount",
  "Warm home grant",
  "Prepayment",
  "Estimated bill",
  "Paperless billing",
  "Price cap",
  "Debt advice",
  "Boiler cover",
  "Electric vehicle",
];
const UNRELATED = "Do I need to send anything?";

/**
 * The page at desktop width and at a phone's 390 px: whole, and the parts
 * named (element shots, legible where a whole tall page is not).
 */
async function shoot(page: Page, name: string, parts: Record<string, Locator> = {}) {
  const size = page.viewportSize();
  for (const [width, label] of [
    [1280, "desktop"],
    [390, "390"],
  ] as const) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 800 });
    await page.screenshot({ path: `${shots}/evidence-${name}-${label}.png`, fullPage: true });
    for (const [part, locator] of Object.entries(parts))
      await locator.screenshot({ path: `${shots}/evidence-${name}-${part}-${label}.png` });
  }
  if (size) await page.setViewportSize(size);
}

async function accessible(page: Page) {
  const violations = await seriousViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

describe("predicted calls and the Evidence page", () => {
  let browser: Browser;
  let db: Database;
  let close: () => Promise<void>;
  let communicationIds: string[];

  beforeAll(async () => {
    const opened = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
    db = opened.prisma;
    close = () => opened.close();
    const { id: organizationId } = await createOrganization(db, { name: "Evidence Utilities" });
    const member = (email: string, roles: ("COMMS_MANAGER" | "ANALYST" | "ADMIN")[]) =>
      createMember(db, { organizationId, email, password: DEMO_PASSWORD, roles });
    const manager = await member(people.manager, ["COMMS_MANAGER"]);
    await member(people.analyst, ["ANALYST"]);
    await member(people.admin, ["ADMIN"]);
    // Seed 1 gives three clear rules (two with more calls, one with fewer):
    // enough for a proposal, as packages/core's evidence tests measure.
    const history = simulateHistory({
      seed: 1,
      releases: 60,
      reasons: 20,
      days: 400,
      holdoutShare: 0,
    });
    // Even releases' briefs ask in their reason's words; odd ones, all at the
    // "payment" stage, ask what no reason answers, so their reasons rise unpredicted.
    ({ communicationIds } = await writeSimulatedHistory(
      db,
      { organizationId, ownerId: manager.user.id },
      history,
      {
        labels: (_, index) => topics[index] ?? `Topic ${index}`,
        brief: (index) =>
          index % 2 === 0
            ? { likelyQuestions: [`What about my ${topics[index % 20]?.toLowerCase()}?`] }
            : { likelyQuestions: [UNRELATED], journeyStage: "payment" },
      },
    ));
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  it("shows the predicted calls beside Submit, for the audience of the last release", async () => {
    const page = await signedInPage(browser, people.manager);
    await page.goto(`/communications/${communicationIds.at(-1)}`);
    await expect
      .poll(() => page.getByText("Live", { exact: true }).isVisible(), { timeout: 15_000 })
      .toBe(true);
    await page.getByRole("tab", { name: "Review", exact: true }).click();
    const submit = page.getByRole("region", { name: "Submit for review" });
    const prediction = submit.getByTestId("call-prediction");
    await expect
      .poll(
        () => prediction.locator("[data-prediction-status]").getAttribute("data-prediction-status"),
        {
          timeout: 30_000,
        },
      )
      .toBe("predicted");
    expect(await prediction.textContent()).toMatch(
      /Predicted [\d.,]+ \([\d.,]+–[\d.,]+\) calls per 1,000 ≈ [\d.,]+ calls for [\d,]+ recipients/,
    );
    expect(await prediction.textContent()).toContain("from 60 measured releases");
    await shoot(page, "beside-submit", { prediction });
    await accessible(page);
    await page.context().close();
  });

  it("shows an analyst the calibration share and the rule evidence, with no Adopt button", async () => {
    const page = await signedInPage(browser, people.analyst);
    await page.goto("/analytics");
    await page.getByRole("link", { name: "Evidence: predictions and rules" }).click();
    await page.waitForURL("**/analytics/evidence");
    const share = page.getByTestId("calibration-share");
    expect(await share.textContent()).toMatch(
      /^\d+% of measured releases fell inside their 90% predicted interval \(\d+ of 60\)/,
    );
    const rows = page.getByRole("table", { name: "Rule evidence" }).locator("tbody tr");
    expect(await rows.count()).toBeGreaterThanOrEqual(4);
    expect(await page.getByRole("list", { name: "Proposed changes" }).locator("li").count()).toBe(
      3,
    );
    expect(await page.getByRole("button", { name: "Adopt" }).count()).toBe(0);
    expect(await page.getByTestId("adopt-admin-only").textContent()).toContain(
      "Only an organisation admin",
    );
    // Likely questions against calls: payment briefs keep missing what customers called about.
    await expect
      .poll(() => page.getByTestId("missed-questions").locator("li").count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    expect(await page.getByTestId("missed-questions").textContent()).toContain(
      "Briefs at the “payment” stage",
    );
    const mapping = page.getByRole("list", { name: "Question mappings" });
    expect(await mapping.textContent()).toContain(`“${UNRELATED}” (30 briefs) → no reason`);
    await accessible(page);
    await shoot(page, "page-analyst", {
      calibration: page.getByRole("figure", { name: /^Predicted against measured/ }),
      rules: page.getByRole("table", { name: "Rule evidence" }),
      questions: page.getByRole("region", { name: "Questions briefs keep missing" }),
      proposal: page.getByRole("list", { name: "Proposed changes" }),
    });
    // The analyst maps the question to a reason: the mapping is saved and shown as theirs.
    await page.getByRole("button", { name: `Map “${UNRELATED}”` }).click();
    await page
      .getByRole("form", { name: `Reasons for “${UNRELATED}”` })
      .getByLabel("Bill amount")
      .check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(() => mapping.textContent())
      .toContain(`“${UNRELATED}” (30 briefs) → Bill amount · mapped by an analyst`);

    // The report card: predicted (by a model that never saw the release) against measured.
    await page.goto("/analytics");
    const table = page.getByRole("table", { name: "Released messages" });
    await table.locator("tbody tr").first().getByRole("button").click();
    const card = page.getByTestId("predicted-against-measured");
    await expect
      .poll(() => card.textContent(), { timeout: 30_000 })
      .toMatch(/Predicted [\d.,-]+ \(.+90%\) against measured .+95%\) excess calls per 1,000/);
    await shoot(page, "report-card", { card: page.getByRole("region", { name: /^Report card/ }) });
    await page.context().close();
  });

  it("lets an admin adopt the proposal with a reason, and Settings → Rules shows the new version", async () => {
    const page = await signedInPage(browser, people.admin);
    await page.goto("/analytics/evidence");
    const adopt = page.getByRole("button", { name: "Adopt" });
    expect(await adopt.isDisabled()).toBe(true);
    await page.getByLabel("Why adopt these changes?").fill("Sixty releases say so");
    await adopt.click();
    const done = page.getByRole("status").filter({ hasText: "Adopted as rule-set version 1" });
    await expect.poll(() => done.count(), { timeout: 20_000 }).toBe(1);
    await shoot(page, "adopted", { answer: done });

    await page.getByRole("link", { name: "See it in Settings → Rules" }).click();
    await page.waitForURL("**/settings/rules");
    await expect
      .poll(() => page.getByTestId("rule-set-in-force").textContent())
      .toContain("Sixty releases say so");
    const history = page.getByRole("list", { name: "Rule set history" });
    expect(await history.locator("li").first().textContent()).toMatch(/Version 1.*Evidence/s);
    await page.context().close();
  });
});
