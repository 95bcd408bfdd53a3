import { demoAccounts, demoReleasedMessage } from "@conductor/db/seed";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser";
import { signedInPage } from "./session";

const DAY = 86_400_000;

/**
 * Seventeen weeks of daily counts around the demo's released message:
 * direct-debit calls run near 30 a day and jump by 40 a day for the week
 * after the send; billing stays near 50. The contact centre's export also
 * carries a phone-number column, which must be dropped.
 */
function contactCentreExport() {
  const sent = demoReleasedMessage.sentOn.getTime();
  const first = sent - 13 * 7 * DAY;
  const lines = ["Day,Call reason,Tally,Caller phone"];
  for (let i = 0; i < 17 * 7; i++) {
    const t = first + i * DAY;
    const day = new Date(t).toISOString().slice(0, 10);
    // Fixed wobble (no randomness): the same file on every run.
    const wobble = ((i * 7919) % 11) - 5;
    const lag = Math.floor((t - Date.UTC(2026, 9, 5)) / DAY);
    const bump = lag >= 0 && lag < 7 ? 40 : 0;
    lines.push(`${day},direct-debit,${30 + wobble + bump},07700 900${String(i).padStart(3, "0")}`);
    lines.push(`${day},billing,${50 - wobble},07700 901${String(i).padStart(3, "0")}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The week after the send for payment-failed calls, by segment: the 24,000
 * customers mailed call 72 a day, the 2,400 held back 5 a day — 6.4 more
 * per 1,000 customers for those sent the message.
 */
function holdoutExport() {
  const lines = ["date,reason,segment,calls"];
  for (let lag = 0; lag < 7; lag++) {
    const day = new Date(demoReleasedMessage.sentOn.getTime() + lag * DAY)
      .toISOString()
      .slice(0, 10);
    lines.push(`${day},payment-failed,mailed,72`, `${day},payment-failed,held-out,5`);
  }
  return `${lines.join("\n")}\n`;
}

describe("call-volume analytics in a real browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it("an analyst uploads a CSV, maps its columns, and sees the released message's excess calls on the chart", async () => {
    const analyst = await signedInPage(browser, demoAccounts.analyst.email);
    await analyst.goto("/analytics");
    await expect
      .poll(() => analyst.getByText("No call-volume data loaded").isVisible(), { timeout: 10_000 })
      .toBe(true);
    await analyst.getByRole("link", { name: /Import call volume/ }).click();
    await analyst.waitForURL("**/analytics/import");

    await analyst.locator("#call-file").setInputFiles({
      name: "contact-centre-export.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(contactCentreExport()),
    });
    const preview = analyst.getByRole("region", { name: "Preview" });
    await expect.poll(() => preview.isVisible(), { timeout: 10_000 }).toBe(true);
    // The phone numbers are masked in the preview, never shown.
    expect(await preview.textContent()).not.toContain("07700");
    // Date and reason are recognised; the count column needs mapping by hand.
    expect(await analyst.locator("#map-date").inputValue()).toBe("Day");
    expect(await analyst.locator("#map-reason").inputValue()).toBe("Call reason");
    expect(await analyst.locator("#map-calls").inputValue()).toBe("");
    await analyst.locator("#map-calls").selectOption("Tally");
    const check = analyst.getByRole("button", { name: "Check the file" });
    expect(await check.isDisabled()).toBe(true);
    await analyst.getByRole("checkbox", { name: /Drop “Caller phone”/ }).check();
    await check.click();
    const report = analyst.getByRole("region", { name: "Import report" });
    await expect
      .poll(() => report.getAttribute("data-import-status"), { timeout: 20_000 })
      .toBe("checked");
    expect(await report.textContent()).toContain("238 rows");
    await analyst.getByRole("button", { name: "Import", exact: true }).click();
    await expect
      .poll(() => report.getAttribute("data-import-status"), { timeout: 20_000 })
      .toBe("imported");
    expect(await report.textContent()).toContain("Dropped, never stored: Caller phone");
    await expect
      .poll(() => analyst.getByRole("list", { name: "Recent imports" }).textContent())
      .toContain("contact-centre-export.csv");

    await analyst.goto("/analytics");
    const chart = analyst.getByRole("figure", { name: "Calls over time" });
    await expect.poll(() => chart.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(Number(await chart.getAttribute("data-release-markers"))).toBeGreaterThanOrEqual(1);
    // The release's marker is drawn with its title (once the chart has measured itself).
    await expect.poll(() => chart.textContent()).toContain(demoReleasedMessage.title.slice(0, 24));
    // The week of extra direct-debit calls is one spike episode, explained by the release.
    const spikes = analyst.getByRole("list", { name: "Spikes" });
    expect(await spikes.textContent()).toContain(
      "direct-debit, 5 Oct 2026 to 11 Oct 2026 (7 days)",
    );
    expect(await spikes.textContent()).toContain(demoReleasedMessage.title);
    const table = analyst.getByRole("table", { name: "Released messages" });
    const row = table.locator("tr", { hasText: demoReleasedMessage.title });
    const excess = (await row.locator("[data-excess]").textContent()) ?? "";
    // About 280 excess calls (40 a day for 7 days), with an interval that excludes zero.
    const [estimate, low] = excess
      .replace(/,/g, "")
      .match(/-?[\d.]+/g)!
      .map(Number);
    expect(estimate).toBeGreaterThan(200);
    expect(estimate).toBeLessThan(360);
    expect(low).toBeGreaterThan(0);
    await row.getByRole("button", { name: demoReleasedMessage.title }).click();
    const card = analyst.getByRole("region", { name: `Report card: ${demoReleasedMessage.title}` });
    expect(await card.textContent()).toContain("day 0:");
    expect(await card.textContent()).toContain("Reasons: billing, direct-debit");
    // The analyst narrows the message to the reason it drives; the report follows.
    await card.getByRole("checkbox", { name: "Billing question" }).uncheck();
    await card.getByRole("button", { name: "Save reasons" }).click();
    await expect
      .poll(() => card.textContent(), { timeout: 10_000 })
      .toContain("Reasons: direct-debit ·");

    const csv = await analyst.request.get("/api/call-volume/report?format=csv");
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(await csv.text()).toContain(demoReleasedMessage.title);
    await analyst.context().close();
  });

  it("the chart narrows to a range and a reason from the keyboard, zooms, and keeps the view in its address", async () => {
    const analyst = await signedInPage(browser, demoAccounts.analyst.email);
    await analyst.goto("/analytics");
    const chart = analyst.getByRole("figure", { name: "Calls over time" });
    await expect.poll(() => chart.getAttribute("data-bucket"), { timeout: 10_000 }).toBe("day");
    const filters = analyst.getByRole("form", { name: "Chart filters" });
    // Labelled controls, reached and used from the keyboard.
    await filters.getByLabel("From").fill("2026-09-28");
    await filters.getByLabel("To").fill("2026-10-18");
    await filters.getByRole("checkbox", { name: /direct-debit/ }).focus();
    await analyst.keyboard.press("Space");
    await filters.getByRole("button", { name: "Show" }).focus();
    await analyst.keyboard.press("Enter");
    await analyst.waitForURL(/from=2026-09-28&to=2026-10-18&reason=direct-debit/);
    await expect.poll(() => chart.getAttribute("data-first")).toBe("2026-09-28");
    expect(await chart.getAttribute("data-last")).toBe("2026-10-18");
    // Only the chosen reason is drawn (the legend names it alone), with the release's title.
    await expect
      .poll(() => chart.locator(".recharts-legend-wrapper").textContent())
      .toBe("direct-debit");
    expect(await chart.textContent()).toContain(demoReleasedMessage.title.slice(0, 24));
    // The view is the address: opened fresh, the same chart.
    const shared = await signedInPage(browser, demoAccounts.commsManager.email);
    await shared.goto(analyst.url());
    const sharedChart = shared.getByRole("figure", { name: "Calls over time" });
    await expect
      .poll(() => sharedChart.getAttribute("data-first"), { timeout: 10_000 })
      .toBe("2026-09-28");
    // Zoom out: twice the range, same middle; zoom in from there comes back to three weeks.
    await analyst.getByRole("link", { name: /Zoom out/ }).click();
    await analyst.waitForURL(/from=2026-09-18&to=2026-10-28/);
    await analyst.getByRole("link", { name: /Zoom in/ }).click();
    await analyst.waitForURL(/from=2026-09-28&to=2026-10-18/);
    // The spike of the view links to itself on the chart.
    const spikes = analyst.getByRole("list", { name: "Spikes" });
    expect(await spikes.textContent()).toContain("direct-debit, 5 Oct 2026 to 11 Oct 2026");
    // A link with an impossible day says so and shows everything.
    await shared.goto("/analytics?from=2026-02-30");
    // Next.js's route announcer is an (empty) alert too, once the page has navigated.
    const refusal = shared.getByRole("alert").filter({ hasText: "could not be shown" });
    await expect
      .poll(() => refusal.textContent(), { timeout: 10_000 })
      .toContain("not a day the calendar has");
    expect(await sharedChart.getAttribute("data-first")).not.toBe("2026-02-30");
    await shared.context().close();
    // The report card's lag profile is a chart too.
    const row = analyst
      .getByRole("table", { name: "Released messages" })
      .locator("tr", { hasText: demoReleasedMessage.title });
    await row.getByRole("button", { name: demoReleasedMessage.title }).click();
    const card = analyst.getByRole("region", { name: `Report card: ${demoReleasedMessage.title}` });
    await expect
      .poll(() => card.getByRole("figure", { name: "Lag profile chart" }).locator("path").count())
      .toBeGreaterThan(0);
    await analyst.context().close();
  });

  it("a send with a holdout group is measured against the customers held back", async () => {
    const analyst = await signedInPage(browser, demoAccounts.analyst.email);
    await analyst.goto("/analytics/import");
    await analyst.locator("#call-file").setInputFiles({
      name: "holdout-export.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(holdoutExport()),
    });
    await expect.poll(() => analyst.locator("#map-segment").inputValue()).toBe("segment");
    await analyst.getByRole("button", { name: "Check the file" }).click();
    const report = analyst.getByRole("region", { name: "Import report" });
    await expect
      .poll(() => report.getAttribute("data-import-status"), { timeout: 20_000 })
      .toBe("checked");
    await analyst.getByRole("button", { name: "Import", exact: true }).click();
    await expect
      .poll(() => report.getAttribute("data-import-status"), { timeout: 20_000 })
      .toBe("imported");

    await analyst.goto("/analytics");
    const table = analyst.getByRole("table", { name: "Released messages" });
    const row = table.locator("tr", { hasText: demoReleasedMessage.title });
    await row.getByRole("button", { name: demoReleasedMessage.title }).click();
    const card = analyst.getByRole("region", { name: `Report card: ${demoReleasedMessage.title}` });
    await card.getByRole("checkbox", { name: "Payment did not go through" }).check();
    await card.getByRole("button", { name: "Save reasons" }).click();
    await expect
      .poll(() => card.textContent(), { timeout: 10_000 })
      .toContain("Reasons: direct-debit, payment-failed ·");

    const holdout = card.getByRole("region", { name: "Holdout group" });
    expect(await holdout.textContent()).toContain("None recorded");
    await holdout.getByRole("button", { name: "Record a holdout group" }).click();
    await holdout.getByLabel("Segment of customers sent it").fill("mailed");
    await holdout.getByLabel("Segment of customers held back").fill("mailed");
    await holdout.getByLabel("Customers held back", { exact: true }).fill("2400");
    await holdout.getByRole("button", { name: "Save holdout" }).click();
    // The server refuses two groups with one segment, next to the field.
    await expect
      .poll(() => holdout.textContent(), { timeout: 10_000 })
      .toContain("The two groups need different segment values");
    await holdout.getByLabel("Segment of customers held back").fill("held-out");
    await holdout.getByRole("button", { name: "Save holdout" }).click();
    await expect
      .poll(() => holdout.locator("[data-holdout]").textContent(), { timeout: 10_000 })
      .toContain("504 calls against 35");
    // 504/24,000 − 35/2,400 per 1,000 customers.
    expect(await holdout.textContent()).toContain("6.42 more per 1,000 customers");
    expect(await row.textContent()).toContain("holdout group");
    await analyst.context().close();
  });

  it("the reasons a message may cause are chosen beside the editor too; other members see them", async () => {
    const openReviewTab = async (email: string) => {
      const page = await signedInPage(browser, email);
      await page.goto("/communications");
      await page.getByRole("link", { name: demoReleasedMessage.title }).click();
      await page.waitForURL(/\/communications\/(?!new)[^/]+$/);
      await page.getByRole("tab", { name: "Review", exact: true }).click();
      return { page, section: page.getByRole("region", { name: "Calls this message may cause" }) };
    };
    const manager = await openReviewTab(demoAccounts.commsManager.email);
    const paymentFailed = manager.section.getByRole("checkbox", {
      name: "Payment did not go through",
    });
    await expect.poll(() => paymentFailed.isChecked(), { timeout: 15_000 }).toBe(true);
    await paymentFailed.uncheck();
    await manager.section.getByRole("button", { name: "Save reasons" }).click();
    await expect
      .poll(() => manager.section.getByRole("status").textContent(), { timeout: 10_000 })
      .toBe("Saved.");
    await manager.page.context().close();

    // Legal may not change them, and sees what was chosen.
    const legal = await openReviewTab(demoAccounts.legal.email);
    await expect
      .poll(() => legal.section.textContent(), { timeout: 15_000 })
      .toBe("Calls this message may cause: Direct debit date or amount");
    expect(await legal.section.getByRole("checkbox").count()).toBe(0);
    await legal.page.context().close();
  });
});
