// Issue 7's figures: import 1,000,000 daily rows (seconds and peak memory;
// goal on PostgreSQL under 30 s) and the full analysis of 1,000 released
// messages over 2 years × 200 reasons (goal on PostgreSQL under 1 s), on
// embedded PGlite and on PostgreSQL. Prints; asserts nothing.
import { analyzeOrganization, importCallVolume, refreshCallDaily } from "@conductor/core";
import { type DatabaseTarget, openDatabase } from "@conductor/db";
import { applyMigrations } from "@conductor/db/migrate";
import { createMember, createOrganization, createReleasedMessage } from "@conductor/db/seed";
import { onEachDatabase } from "./databases";

const ROWS = Number(process.env.BENCH_CALL_ROWS ?? 1_000_000);
const REASONS = 200;
const RELEASES = Number(process.env.BENCH_RELEASES ?? 1_000);
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/** The CSV, generated as it is read: 200 reasons × 5 regions per day, never whole in memory. */
async function* generatedCsv(rows: number) {
  const encoder = new TextEncoder();
  yield encoder.encode("date,reason,region,calls\n");
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const perDay = REASONS * 5;
    const day = new Date(START + Math.floor(i / perDay) * DAY).toISOString().slice(0, 10);
    const reason = `reason-${(Math.floor(i / 5) % REASONS).toString().padStart(3, "0")}`;
    lines.push(`${day},${reason},region-${i % 5},${(i * 7919) % 97}`);
    if (lines.length === 2_000) {
      yield encoder.encode(`${lines.join("\n")}\n`);
      lines = [];
    }
  }
  if (lines.length) yield encoder.encode(`${lines.join("\n")}\n`);
}

/** Peak resident memory while `run` runs, sampled every 50 ms. */
async function withPeakMemory<T>(run: () => Promise<T>) {
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 50);
  try {
    const result = await run();
    return { result, peakRss, rssBefore: before.rss, peakHeap, heapBefore: before.heapUsed };
  } finally {
    clearInterval(timer);
  }
}

async function organizationWithReasons(target: DatabaseTarget) {
  const db = await openDatabase(target);
  await applyMigrations(db.connection);
  const organizationId = (await createOrganization(db.prisma)).id;
  await db.prisma.callReason.createMany({
    data: Array.from({ length: REASONS }, (_, i) => ({
      organizationId,
      code: `reason-${i.toString().padStart(3, "0")}`,
      label: `Reason ${i}`,
    })),
  });
  return { db, organizationId };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

async function importPart(name: string, target: DatabaseTarget) {
  const { db, organizationId } = await organizationWithReasons(target);
  try {
    const importOnce = () =>
      importCallVolume(
        db.prisma,
        generatedCsv(ROWS),
        {
          organizationId,
          fileName: "bench.csv",
          granularity: "DAY",
          dateFormat: "iso",
          mapping: { date: "date", reason: "reason", calls: "calls", region: "region" },
          dropColumns: [],
          dryRun: false,
        },
        { kind: "person", userId: "bench" },
      );
    const started = performance.now();
    const measured = await withPeakMemory(importOnce);
    const seconds = (performance.now() - started) / 1000;
    const result = measured.result;
    if (result.status !== "imported") throw new Error(`import refused: ${JSON.stringify(result)}`);
    const started2 = performance.now();
    const again = await importOnce();
    const secondsAgain = (performance.now() - started2) / 1000;
    console.log(
      `${name.padEnd(11)} ${result.rows.toLocaleString("en").padStart(10)}  ${seconds.toFixed(1).padStart(6)} s  peak RSS ${mb(measured.peakRss)} (+${mb(measured.peakRss - measured.rssBefore)})  peak heap ${mb(measured.peakHeap)}  · same file again ${secondsAgain.toFixed(1)} s, ${again.status === "imported" ? again.changed : "?"} changed`,
    );
  } finally {
    await db.close();
  }
}

async function analysisPart(name: string, target: DatabaseTarget) {
  const { db, organizationId } = await organizationWithReasons(target);
  try {
    const days = 730;
    // Two years × 200 reasons of daily counts, written by the database itself (setup).
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "CallVolume" ("organizationId", "granularity", "day", "reasonCode", "calls", "importId")
       SELECT $1, 'DAY', DATE '2024-01-01' + d, 'reason-' || lpad(r::text, 3, '0'),
              20 + ((d * 31 + r * 17) % 23), 'bench'
       FROM generate_series(0, ${days - 1}) d, generate_series(0, ${REASONS - 1}) r`,
      organizationId,
    );
    await refreshCallDaily(db.prisma, organizationId, "everything");
    const owner = (await createMember(db.prisma, { organizationId, passwordHash: "x" })).user.id;
    for (let i = 0; i < RELEASES; i++)
      await createReleasedMessage(db.prisma, {
        organizationId,
        ownerId: owner,
        channel: (["EMAIL", "SMS", "LETTER"] as const)[i % 3],
        recipients: 5_000 + (i % 50) * 1_000,
        sendDates: [new Date(START + (60 + ((i * 37) % (days - 80))) * DAY)],
        score: 40 + (i % 55),
        ruleIds: i % 4 === 0 ? ["long-sentence"] : [],
        reasons: [
          `reason-${(i % REASONS).toString().padStart(3, "0")}`,
          `reason-${((i * 7 + 3) % REASONS).toString().padStart(3, "0")}`,
        ],
      });
    const times: number[] = [];
    let measured = 0;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const analysis = await analyzeOrganization(db.prisma, organizationId);
      times.push(performance.now() - started);
      measured = analysis.releases.filter((r) => r.excess).length;
    }
    times.sort((a, b) => a - b);
    console.log(
      `${name.padEnd(11)} ${String(RELEASES).padStart(8)} releases, ${(days * REASONS).toLocaleString("en")} daily rows: median ${(times[1]! / 1000).toFixed(2)} s, best ${(times[0]! / 1000).toFixed(2)} s (${measured} with a measured excess)`,
    );
  } finally {
    await db.close();
  }
}

export async function callsBench(parts: string[]): Promise<void> {
  const want = (part: string) => parts.length === 0 || parts.includes(part);
  if (want("import")) {
    console.log(
      `\nImport ${ROWS.toLocaleString("en")} daily rows (goal on PostgreSQL: under 30 s)`,
    );
    await onEachDatabase("calls", importPart);
  }
  if (want("analysis")) {
    console.log(`\nFull analysis (goal on PostgreSQL: under 1 s)`);
    await onEachDatabase("calls", analysisPart);
  }
}
