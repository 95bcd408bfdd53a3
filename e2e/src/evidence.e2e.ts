// Predicted calls and the Evidence page on a history with a known truth:
// an organisation of its own (so the demo's scores and rules stay as the
// other browser tests expect) holding a seeded simulated history — sixty
// releases whose findings have true effects for some rules and none for
// others, and two years of daily calls. The comms manager sees the number
// beside Submit; an analyst reads the calibration and the rule evidence and
// cannot adopt; an admin adopts the proposal with a reason and finds the
// new version in Settings → Rules. One released message gets a new draft
// whose findings the history weighs: its prediction, with the cost at the
// organisation's cost per call and the findings that add most, is read
// beside Submit, beside legal's decision and in the release form. The demo
// organisation (one release, no model) shows the likely questions only.
import { simulateHistory } from "@conductor/core/evidence";
import { writeSimulatedHistory } from "@conductor/core/simulated-history";
import { type Database, openDatabase } from "@conductor/db";
import { createMember, createOrganization, DEMO_PASSWORD, demoAccounts } from "@conductor/db/seed";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { describeViolations, seriousViolations } from "./axe";
import { launchChromium } from "./browser";
import { ownPaymentMessage } from "./own-message";
import { signedInPage } from "./session";

const shots = process.env.E2E_SCREENSHOTS ?? "/tmp";
const people = {
  manager: "evidence-manager@example.test",
  analyst: "evidence-analyst@example.test",
  admin: "evidence-admin@example.test",
  legal: "evidence-legal@example.test",
} as const;

/**
 * A draft that breaks the rules the simulated history gives true effects
 * (`defaultRules`: a long sentence ×1.8, a reading grade above target ×1.5,
 * passive voice ×1.35) and a few without (legalese, a hidden verb, a formal
 * word), so the prediction has findings to weigh.
 */
const WEIGHED_DRAFT =
  "Your payment was received on 18 April. Remuneration will be disbursed subsequent to the " +
  "verification of documentation submitted by beneficiaries, which we will complete after the " +
  "bank holiday and after your account has been reviewed by our team, so that the balance " +
  "that is outstanding is covered in full. Please make a payment by Friday.";
/** What one call costs Evidence Utilities, set by its admin in the browser. */
const COST_PER_CALL = 4.75;

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

/** Opens a communication's Review tab once the editor is live. */
async function reviewTab(page: Page, communicationId: string) {
  await page.goto(`/communications/${communicationId}`);
  await expect
    .poll(() => page.getByText("Live", { exact: true }).isVisible(), { timeout: 15_000 })
    .toBe(true);
  await page.getByRole("tab", { name: "Review", exact: true }).click();
}

/** The prediction's text once it has answered with `status` and says `containing`. */
async function predictionText(prediction: Locator, status: string, containing: string) {
  await expect
    .poll(
      async () =>
        (await prediction.locator(`[data-prediction-status="${status}"]`).count()) > 0 &&
        ((await prediction.textContent()) ?? "").includes(containing),
      { timeout: 30_000 },
    )
    .toBe(true);
  return (await prediction.textContent()) ?? "";
}

const amount = (shown: string) => Number(shown.replaceAll(",", ""));

/**
 * The sentence — "Predicted 6.1 (3.2–11) calls per 1,000 ≈ 146
 * calls for 24,000 recipients ≈ $X" — for this audience, its cost the calls
 * at the organisation's cost per call, and the three findings that add
 * most, largest first.
 */
async function expectWeighedPrediction(prediction: Locator, text: string, recipients: number) {
  const sentence = text.match(
    /Predicted [\d.,]+ \([\d.,]+–[\d.,]+\) calls per 1,000 ≈ ([\d.,]+) calls for ([\d,]+) recipients ≈ \$([\d.,]+)/,
  );
  expect(sentence, text).not.toBeNull();
  const [, calls = "", audience = "", cost = ""] = sentence ?? [];
  expect(audience).toBe(recipients.toLocaleString("en"));
  // The calls are shown to two figures, the cost from the unrounded estimate.
  expect(Math.abs(amount(cost) / (amount(calls) * COST_PER_CALL) - 1)).toBeLessThan(0.06);
  expect(text).toContain(`at $${COST_PER_CALL.toFixed(2)} a call.`);
  expect(text).toContain("Findings that add most");
  const findings = await prediction
    .getByRole("list", { name: "Findings that add most to the predicted calls" })
    .locator("li")
    .allTextContents();
  const added = findings.map((f) => {
    const match = f.match(/^(.+): \+([\d.,]+) per 1,000 \(calls ×(\d+\.\d\d)\)$/);
    expect(match, f).not.toBeNull();
    expect(Number(match?.[3])).toBeGreaterThan(1);
    return { title: match?.[1], perThousand: amount(match?.[2] ?? "") };
  });
  // The draft's three findings with a true effect (×1.8, ×1.5, ×1.35), in
  // that order; those with none (legalese, a hidden verb, a formal word)
  // are fitted at or below ×1 on this history and are not among them.
  expect(added.map((a) => a.title)).toEqual([
    "Sentence too long for the channel",
    "Reading grade above the target",
    "Passive voice",
  ]);
  expect(added.map((a) => a.perThousand)).toEqual(
    [...added.map((a) => a.perThousand)].sort((a, b) => b - a),
  );
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
  /** The released message given WEIGHED_DRAFT, and the audience of its release. */
  let weighed: { id: string; recipients: number };

  beforeAll(async () => {
    const opened = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
    db = opened.prisma;
    close = () => opened.close();
    const { id: organizationId } = await createOrganization(db, { name: "Evidence Utilities" });
    const member = (
      email: string,
      roles: ("COMMS_MANAGER" | "ANALYST" | "ADMIN")[],
      functions: "LEGAL"[] = [],
    ) => createMember(db, { organizationId, email, password: DEMO_PASSWORD, roles, functions });
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
    // An e-mail release of an even index (its brief asks in its reason's
    // words, so the analyst's counts of the odd ones stay as they are) gets
    // the new draft, read by the editor on first opening.
    const index = history.releases.findIndex(
      (r, i) => i % 2 === 0 && i < 50 && r.facts.communication.channel === "EMAIL",
    );
    const chosen = history.releases[index];
    const chosenId = communicationIds[index];
    if (!chosen || !chosenId) throw new Error("the simulated history has no e-mail release");
    weighed = { id: chosenId, recipients: chosen.facts.recipients };
    await db.communication.update({ where: { id: chosenId }, data: { body: WEIGHED_DRAFT } });
    // One stage, legal's, so a single decision approves it for release.
    await member(people.legal, [], ["LEGAL"]);
    await db.reviewTemplate.create({
      data: {
        organizationId,
        name: "Legal sign-off",
        isDefault: true,
        stages: [
          {
            name: "Legal sign-off",
            functions: ["LEGAL"],
            quorum: { kind: "any" },
            dueBusinessDays: 2,
          },
        ],
      },
    });
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

  it("weighs a draft's findings beside Submit, at legal's decision and at release, with their cost", async () => {
    // The admin sets what a call costs, beside the other call settings.
    const admin = await signedInPage(browser, people.admin);
    await admin.goto("/analytics/import");
    const costForm = admin.getByRole("form", { name: "Cost of a call" });
    await costForm.getByLabel("Cost per call").fill(String(COST_PER_CALL));
    await costForm.getByLabel("Currency").fill("USD");
    await costForm.getByRole("button", { name: "Save cost" }).click();
    await expect
      .poll(() => admin.getByTestId("call-cost-in-force").textContent())
      .toBe(`$${COST_PER_CALL.toFixed(2)} a call: predicted calls are priced with it.`);
    await shoot(admin, "call-cost", {
      cost: admin.locator("section").filter({ has: costForm }),
    });
    await admin.context().close();

    const manager = await signedInPage(browser, people.manager);
    await reviewTab(manager, weighed.id);
    const submit = manager.getByRole("region", { name: "Submit for review" });
    await submit.getByRole("button", { name: "Submit for review" }).click();
    // The rule set the admin adopted raised the two rules with most calls to
    // errors: the draft's findings of them now block, and need a reason.
    const why = submit.getByLabel("Why submit below the minimum score or with blocking findings?");
    await expect.poll(() => why.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await submit.textContent()).toMatch(/with \d+ blocking findings?: say why/);
    await why.fill("The predicted calls are what this review is about");
    await submit.getByRole("button", { name: "Submit for review" }).click();
    const status = manager.getByRole("region", { name: "Review status" });
    await expect
      .poll(() => status.locator("[data-review-status]").getAttribute("data-review-status"), {
        timeout: 15_000,
      })
      .toBe("IN_REVIEW");
    const version = (await status.textContent())?.match(/Version (\d+) \(/)?.[1];
    expect(version).toBeDefined();
    // Beside Submit: the version just saved (not the one before it), for the last release's audience.
    const besideSubmit = submit.getByTestId("call-prediction");
    const submitted = await predictionText(
      besideSubmit,
      "predicted",
      `For the last saved version (version ${version})`,
    );
    await expectWeighedPrediction(besideSubmit, submitted, weighed.recipients);
    // Submitted: the owner may submit a newer draft again.
    await expect
      .poll(() => submit.getByRole("button", { name: "Submit the new version" }).isEnabled())
      .toBe(true);
    await shoot(manager, "weighed-submit", { prediction: besideSubmit });

    // Legal decides on that version with its prediction beside the form.
    const legal = await signedInPage(browser, people.legal);
    await reviewTab(legal, weighed.id);
    const decision = legal.getByRole("form", { name: "Your decision" });
    await expect.poll(() => decision.isVisible(), { timeout: 10_000 }).toBe(true);
    const besideDecision = legal
      .getByTestId("call-prediction")
      .filter({ hasText: "the version under review" });
    const underReview = await predictionText(
      besideDecision,
      "predicted",
      `For the version under review (version ${version})`,
    );
    await expectWeighedPrediction(besideDecision, underReview, weighed.recipients);
    await shoot(legal, "weighed-decision", { prediction: besideDecision, decision });
    await accessible(legal);
    await decision.getByRole("radio", { name: "Approve", exact: true }).check();
    await decision.getByRole("button", { name: "Record decision" }).click();
    await expect.poll(() => decision.count()).toBe(0);
    await legal.context().close();

    // The release: the prediction follows the audience typed.
    await reviewTab(manager, weighed.id);
    const release = manager.getByRole("form", { name: "Release" });
    await expect.poll(() => release.isVisible(), { timeout: 10_000 }).toBe(true);
    await release.getByLabel("Recipients").fill("24000");
    const atRelease = release.getByTestId("call-prediction");
    const released = await predictionText(atRelease, "predicted", "calls for 24,000 recipients");
    expect(released).toContain(`For the approved version (version ${version})`);
    await expectWeighedPrediction(atRelease, released, 24_000);
    await shoot(manager, "weighed-release", { release });
    await manager.context().close();
  });

  it("says the demo organisation has too little history, and lists the likely questions only", async () => {
    const id = await ownPaymentMessage("Payment received — predicted calls");
    const page = await signedInPage(browser, demoAccounts.commsManager.email);
    await reviewTab(page, id);
    const prediction = page
      .getByRole("region", { name: "Submit for review" })
      .getByTestId("call-prediction");
    await expect
      .poll(() => prediction.textContent(), { timeout: 30_000 })
      .toContain("No version saved yet");
    // A version saved while the Review tab waits in the cache: it answers for the new one.
    await page.getByRole("tab", { name: "Versions", exact: true }).click();
    await page.getByLabel("Version name").fill("First draft");
    await page.getByRole("button", { name: "Save version" }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "Saved as version 1" }).count())
      .toBe(1);
    await page.getByRole("tab", { name: "Review", exact: true }).click();
    const text = await predictionText(prediction, "no-history", "version 1");
    expect(text).toMatch(
      /No predicted number yet for the last saved version \(version 1\): it needs 8 released messages with measured calls, and this organisation has \d\./,
    );
    expect(text).not.toContain("Predicted");
    expect(text).not.toContain("Findings that add most");
    const questions = await prediction
      .getByRole("list", { name: "Likely questions" })
      .locator("li")
      .allTextContents();
    expect(questions).toContain(
      "“How do I reach someone about this?” — No contact route or invitation",
    );
    await shoot(page, "no-history", { prediction });
    // At a phone's width every tab's name fits its button (a quarter of the
    // row was narrower than "Suggestions", which ran into "Comments").
    await page.setViewportSize({ width: 390, height: 844 });
    const overflowing = await page
      .getByRole("tab")
      .evaluateAll((tabs) =>
        tabs.filter((t) => t.scrollWidth > t.clientWidth).map((t) => t.textContent),
      );
    expect(overflowing).toEqual([]);
    await page.context().close();
  });
});
