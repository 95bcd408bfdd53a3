// Keystroke → clarity panel in Chromium on a 2,000-word document: the product
// started as the README starts it, a long communication written straight to
// its database, and a reviewer typing at the end. Reads the timings the page
// keeps (apps/web clarity-timings.ts).
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { openDatabase } from "@conductor/db";
import { chromium } from "playwright-core";
import { freePort, root, startApp } from "./app";
import { percentile } from "./load";

/** What the page keeps (apps/web clarity-timings.ts); read through page.evaluate. */
interface ClarityTimings {
  analysisMs: number[];
  keystrokeToPanelMs: number[];
}
type PageWindow = { __conductorClarity?: ClarityTimings };
const corpusDir = resolve(root, "..", "shared", "data", "readability", "onestopenglish", "Adv-Txt");

/** 2,000 words of real prose in paragraphs (OneStopEnglish advanced texts). */
function twoThousandWords(): string {
  const paragraphs = readdirSync(corpusDir)
    .sort()
    .flatMap((file) => readFileSync(join(corpusDir, file), "utf8").split(/\n+/))
    .map((p) => p.trim().replace(/\s+/g, " "))
    .filter(Boolean);
  const kept: string[] = [];
  let words = 0;
  for (const paragraph of paragraphs) {
    const n = paragraph.split(" ").length;
    kept.push(paragraph);
    words += n;
    if (words >= 2000) break;
  }
  return kept.join("\n\n");
}

export async function keystrokeBench() {
  const dataDir = await mkdtemp(join(tmpdir(), "conductor-bench-keys-"));
  const dbPort = await freePort();
  const app = await startApp({
    env: {
      CONDUCTOR_DATA_DIR: dataDir,
      DATABASE_URL: "",
      CONDUCTOR_DB_PORT: String(dbPort),
      COLLAB_PORT: String(await freePort()),
    },
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  try {
    const db = await openDatabase({
      kind: "postgres",
      url: `postgres://postgres@127.0.0.1:${dbPort}/postgres`,
    });
    const owner = await db.prisma.user.findUniqueOrThrow({
      where: { email: "comms@harbour.example" },
      include: { memberships: true },
    });
    const body = twoThousandWords();
    const communication = await db.prisma.communication.create({
      data: {
        organizationId: owner.memberships[0]!.organizationId,
        ownerId: owner.id,
        title: "Bench: a 2,000-word letter",
        channel: "LETTER",
        audienceDescription: "Bench",
        body,
      },
    });
    await db.close();

    const page = await (
      await browser.newContext({ baseURL: app.baseUrl, viewport: { width: 1400, height: 900 } })
    ).newPage();
    await page.goto("/signin");
    await page.getByLabel("Email").fill("legal@harbour.example");
    await page.getByLabel("Password").fill("conductor-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL("**/communications");
    await page.goto(`/communications/${communication.id}`);
    await page.getByText("Live", { exact: true }).waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      () => ((globalThis as unknown as PageWindow).__conductorClarity?.analysisMs.length ?? 0) > 0,
    );
    const words = body.split(/\s+/).length;
    const first = await page.evaluate(
      () => (globalThis as unknown as PageWindow).__conductorClarity!.analysisMs[0]!,
    );
    await page.evaluate(() => {
      (globalThis as unknown as PageWindow).__conductorClarity = {
        analysisMs: [],
        keystrokeToPanelMs: [],
      };
    });
    const editor = page.getByRole("textbox", { name: "Message text" });
    await editor.click();
    await page.keyboard.press("Control+End");
    // 300 keystrokes at a fast typist's pace (~12/s), into the last paragraph.
    await page.keyboard.type(
      " Please call us if anything here is unclear and we will explain it. "
        .repeat(5)
        .slice(0, 300),
      { delay: 80 },
    );
    await page.waitForTimeout(500);
    const timings = await page.evaluate(
      () => (globalThis as unknown as PageWindow).__conductorClarity!,
    );
    const analysis = [...timings.analysisMs].sort((a, b) => a - b);
    const toPanel = [...timings.keystrokeToPanelMs].sort((a, b) => a - b);
    const row = (label: string, values: number[]) =>
      `  ${label.padEnd(38)} n ${String(values.length).padStart(3)}  p50 ${percentile(values, 50).toFixed(2)} ms  p95 ${percentile(values, 95).toFixed(2)} ms  max ${values.at(-1)!.toFixed(2)} ms`;
    console.log(`keystroke: ${words}-word letter in Chromium, 300 keystrokes at 80 ms`);
    console.log(`  first full analysis on open: ${first.toFixed(1)} ms`);
    console.log(row("analysis work per update", analysis), "  (goal < 16 ms)");
    console.log(row("keystroke → analysis done (next frame)", toPanel));
  } finally {
    await browser.close();
    await app.stop();
  }
}
