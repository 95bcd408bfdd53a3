import { join, resolve } from "node:path";
import { otherOrganizationAccount } from "@conductor/db/seed";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser";
import { signedInPage } from "./session";

const shots = process.env.E2E_SCREENSHOTS;
const shot = (page: Page, name: string) =>
  shots ? page.screenshot({ path: `${shots}/${name}.png`, fullPage: true }) : undefined;

// ISTAT's national weekly table from ../shared/data beside the repository, as published.
const national = join(
  process.env.CONDUCTOR_SHARED_DATA ??
    join(resolve(import.meta.dirname, "..", ".."), "..", "shared", "data"),
  "istat-1522",
  "istat_1522_calls_national_week.csv",
);

/** Two provinces' calls in ISTAT's 2023 week 48, adding up to the national 3,309. */
const byProvince = `year,istat_week,province,caller_type,calls
2023,48,Roma,utenti,3000
2023,48,Milano,utenti,309
`;

// Other Co's admin, so the demo organisation's analytics (analytics.e2e.ts) start empty.
describe("the call importer in a real browser", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it("year and week columns, the totals-or-breakdown question, and removing an import after seeing what it changes", async () => {
    const page = await signedInPage(browser, otherOrganizationAccount.email);
    await page.goto("/analytics/import");
    const reasons: [string, string][] = [
      ["utenti", "All callers"],
      ["vittime", "Victims"],
    ];
    for (const [code, label] of reasons) {
      await page.getByLabel("Code", { exact: true }).fill(code);
      await page.getByLabel("Label", { exact: true }).fill(label);
      await page.getByRole("button", { name: "Add or relabel the code" }).click();
      await expect
        .poll(() => page.getByRole("list", { name: "Reason codes" }).textContent())
        .toContain(label);
    }

    await page.locator("#call-file").setInputFiles(national);
    await expect.poll(() => page.locator("#map-year").inputValue()).toBe("year");
    expect(await page.locator("#map-week").inputValue()).toBe("istat_week");
    expect(await page.locator("#map-reason").inputValue()).toBe("caller_type");
    expect(await page.locator("#map-calls").inputValue()).toBe("calls");
    expect(await page.locator("#map-date").inputValue()).toBe("");
    expect(await page.locator("#granularity").inputValue()).toBe("WEEK");
    // The sample starts with week 0, which no ISO week is.
    expect(await page.locator("#week-numbering").inputValue()).toBe("sunday");
    await shot(page, "importer-1-year-and-week");
    const report = page.getByRole("region", { name: "Import report" });
    await page.getByRole("button", { name: "Check the file" }).click();
    await expect
      .poll(() => report.getAttribute("data-import-status"), { timeout: 20_000 })
      .toBe("checked");
    expect(await report.textContent()).toContain("1,246 rows");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect
      .poll(() => report.getAttribute("data-import-status"), { timeout: 20_000 })
      .toBe("imported");

    await page.locator("#call-file").setInputFiles({
      name: "by-province.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(byProvince),
    });
    await expect.poll(() => page.locator("#map-region").inputValue()).toBe("province");
    // No week 0 in this sample to tell: the analyst says how ISTAT counts.
    await page.locator("#week-numbering").selectOption("sunday");
    await page.getByRole("button", { name: "Check the file" }).click();
    await expect
      .poll(() => report.getAttribute("data-import-status"), { timeout: 20_000 })
      .toBe("checked");
    const question = page.getByRole("group", { name: "Totals and breakdown" });
    expect(await question.textContent()).toContain(
      "In 1 of 1 the breakdown adds up exactly to the total",
    );
    expect(await question.textContent()).toContain("total 3,309, breakdown 3,309");
    expect(await question.textContent()).toContain("istat_1522_calls_national_week.csv");
    const importButton = page.getByRole("button", { name: "Import", exact: true });
    expect(await importButton.isDisabled()).toBe(true);
    await question.getByRole("radio", { name: /^Breakdown only/ }).check();
    await shot(page, "importer-2-totals-or-breakdown");
    await importButton.click();
    await expect
      .poll(() => report.getAttribute("data-import-status"), { timeout: 20_000 })
      .toBe("imported");
    expect(await report.textContent()).toContain("Kept the breakdown");

    const imports = page.getByRole("list", { name: "Recent imports" });
    const latest = imports.locator("li", { hasText: "by-province.csv" });
    await expect.poll(() => latest.count()).toBe(1);
    await latest.getByRole("button", { name: "Remove…" }).click();
    const plan = page.getByRole("region", { name: "Removing by-province.csv" });
    await expect
      .poll(() => plan.textContent(), { timeout: 10_000 })
      .toContain("bring back 1 row it had replaced");
    expect(await plan.textContent()).toContain("take out 2 rows it added");
    expect(await plan.textContent()).toContain("calls: 3,309 out, 3,309 back");
    await shot(page, "importer-3-removal-plan");
    await plan.getByRole("button", { name: "Remove this import" }).click();
    await expect.poll(() => latest.textContent(), { timeout: 10_000 }).toContain("removed");
    await shot(page, "importer-4-removed");
    await page.context().close();
  });

  it("a large file is checked by the job worker while a progress bar follows it, also after the page is opened again, then the answer shows", async () => {
    const page = await signedInPage(browser, otherOrganizationAccount.email);
    await page.goto("/analytics/import");
    // 200,000 daily rows (about 6 MB): long enough a run for the bar to be seen moving.
    const lines = ["date,reason,region,calls"];
    for (let i = 0; i < 200_000; i++) {
      const day = new Date(Date.UTC(2001, 0, 1) + Math.floor(i / 500) * 86_400_000);
      lines.push(`${day.toISOString().slice(0, 10)},utenti,zone-${i % 500},${i % 97}`);
    }
    await page.locator("#call-file").setInputFiles({
      name: "large.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`${lines.join("\n")}\n`),
    });
    await expect.poll(() => page.locator("#map-region").inputValue()).toBe("region");
    await page.getByRole("button", { name: "Check the file" }).click();
    const progress = page.getByRole("region", { name: "Import progress" });
    const bar = page.getByRole("progressbar", { name: "Checking the file" });
    // The upload is in (the job is queued) once the bar shows. Opened again,
    // the page follows the same check rather than forgetting it.
    await progress.waitFor();
    const sentAt = Date.now();
    await page.reload();
    await page.getByText("Your check of large.csv, sent earlier, is still running.").waitFor();
    console.log(
      `importer: page reopened on a running check ${Date.now() - sentAt} ms after the upload`,
    );
    // Part-way: the worker has read some of the file and not all of it.
    await expect
      .poll(async () => Number((await bar.getAttribute("aria-valuenow")) ?? "0"), {
        timeout: 60_000,
        interval: 100,
      })
      .toBeGreaterThan(0);
    const partWay = Number(await bar.getAttribute("aria-valuenow"));
    expect(await progress.getAttribute("data-import-job")).toBe("RUNNING");
    expect(await progress.textContent()).toMatch(/Checking: [\d.]+ MB of [\d.]+ MB read/);
    await shot(page, "importer-5-progress");
    const report = page.getByRole("region", { name: "Import report" });
    await expect
      .poll(() => report.getAttribute("data-import-status"), { timeout: 120_000 })
      .toBe("checked");
    console.log(`importer: the check's answer came ${Date.now() - sentAt} ms after the upload`);
    expect(partWay).toBeLessThan(100);
    expect(await report.textContent()).toContain("200,000 rows");
    // The bar goes when the answer comes.
    expect(await progress.count()).toBe(0);
    await shot(page, "importer-6-checked");
    await page.context().close();
  }, 180_000);
});
