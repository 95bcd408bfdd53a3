// Issue 7's and 19's figures: import 1,000,000 daily rows beside the
// database's own COPY of the same rows into a table keyed like CallVolume,
// in the same run (goal on PostgreSQL: at most 3× COPY FROM STDIN; on PGlite
// the anchor is its COPY FROM '/dev/blob'), and the full analysis of 1,000
// released messages over 2 years × 200 reasons (goal on PostgreSQL under
// 1 s), on embedded PGlite and on PostgreSQL. Prints; asserts nothing.
import { loadavg } from "node:os";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  analyzeOrganization,
  callDashboard,
  callSeries,
  importCallVolume,
  loadActor,
  queueCallImport,
  refreshCallDaily,
  runCallImport,
} from "@conductor/core";
import { type DatabaseTarget, type OpenDatabase, openDatabase } from "@conductor/db";
import { applyMigrations } from "@conductor/db/migrate";
import { createMember, createOrganization, createReleasedMessage } from "@conductor/db/seed";
import pg from "pg";
import { from as copyFromStdin } from "pg-copy-streams";
import { onEachDatabase } from "./databases";
import { evidenceBench } from "./evidence";

const ROWS = Number(process.env.BENCH_CALL_ROWS ?? 1_000_000);
const REASONS = 200;
const RELEASES = Number(process.env.BENCH_RELEASES ?? 1_000);
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/** Row i of the file: 200 reasons × 5 regions per day. */
function row(i: number) {
  const day = new Date(START + Math.floor(i / (REASONS * 5)) * DAY).toISOString().slice(0, 10);
  const reason = `reason-${(Math.floor(i / 5) % REASONS).toString().padStart(3, "0")}`;
  return { day, reason, region: `region-${i % 5}`, calls: (i * 7919) % 97 };
}

/** Lines made as they are read, 2,000 at a time, never whole in memory. */
function* generatedLines(rows: number, line: (r: ReturnType<typeof row>) => string) {
  let lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    lines.push(line(row(i)));
    if (lines.length === 2_000) {
      yield `${lines.join("\n")}\n`;
      lines = [];
    }
  }
  if (lines.length) yield `${lines.join("\n")}\n`;
}

/** The CSV an analyst uploads. */
async function* generatedCsv(rows: number) {
  const encoder = new TextEncoder();
  yield encoder.encode("date,reason,region,calls\n");
  for (const text of generatedLines(rows, (r) => `${r.day},${r.reason},${r.region},${r.calls}`))
    yield encoder.encode(text);
}

/**
 * The anchor: the same rows loaded by the database's own COPY into a table
 * shaped and keyed exactly like CallVolume (its primary key included), with
 * nothing checked. PostgreSQL reads them from STDIN as they are made; PGlite
 * takes one blob.
 */
async function anchorCopy(db: OpenDatabase, organizationId: string): Promise<number> {
  await db.prisma.$executeRawUnsafe(`DROP TABLE IF EXISTS copy_anchor`);
  await db.prisma.$executeRawUnsafe(`CREATE TABLE copy_anchor (LIKE "CallVolume" INCLUDING ALL)`);
  const columns = `copy_anchor ("organizationId", granularity, day, "reasonCode", segment, region, reference, calls, "importId")`;
  const lines = () =>
    generatedLines(
      ROWS,
      (r) => `${organizationId}\tDAY\t${r.day}\t${r.reason}\t\t${r.region}\t\t${r.calls}\tanchor`,
    );
  const started = performance.now();
  if (db.connection.target.kind === "postgres") {
    const client = new pg.Client({ connectionString: db.connection.target.url });
    await client.connect();
    try {
      await pipeline(
        Readable.from(lines()),
        client.query(copyFromStdin(`COPY ${columns} FROM STDIN`)),
      );
    } finally {
      await client.end();
    }
  } else {
    await db.connection.pglite!.query(`COPY ${columns} FROM '/dev/blob'`, [], {
      blob: new Blob([...lines()]),
    });
  }
  const seconds = (performance.now() - started) / 1000;
  const [counted] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM copy_anchor`,
  );
  if (counted?.n !== ROWS) throw new Error(`the anchor copied ${counted?.n} rows, not ${ROWS}`);
  await db.prisma.$executeRawUnsafe(`DROP TABLE copy_anchor`);
  return seconds;
}

const load = () => loadavg()[0]!.toFixed(1);

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
  // Imports name the person who made them (a real user: the key is enforced).
  const importer = (await createMember(db.prisma, { organizationId, passwordHash: "x" })).user.id;
  return { db, organizationId, importer };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

async function importPart(name: string, target: DatabaseTarget) {
  const { db, organizationId, importer } = await organizationWithReasons(target);
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
        { kind: "person", userId: importer },
      );
    // Anchor before and after, so a change in the machine's load during the run shows.
    const loadBefore = load();
    const anchorBefore = await anchorCopy(db, organizationId);
    const started = performance.now();
    const measured = await withPeakMemory(importOnce);
    const seconds = (performance.now() - started) / 1000;
    const result = measured.result;
    if (result.status !== "imported") throw new Error(`import refused: ${JSON.stringify(result)}`);
    const started2 = performance.now();
    const again = await importOnce();
    const secondsAgain = (performance.now() - started2) / 1000;
    // As the importer page runs it now: the upload stores the file as a job,
    // the worker runs it (here in this process), into an organisation of its own.
    const job = await jobPart(db);
    const anchorAfter = await anchorCopy(db, organizationId);
    const anchor = (anchorBefore + anchorAfter) / 2;
    console.log(
      `${"".padEnd(11)} ${"".padStart(10)}  as a job: stored ${job.stored.toFixed(1)} s + run ${job.ran.toFixed(1)} s = ${(job.stored + job.ran).toFixed(1)} s  ratio ${((job.stored + job.ran) / anchor).toFixed(2)}× (run alone ${(job.ran / anchor).toFixed(2)}×)`,
    );
    console.log(
      `${name.padEnd(11)} ${result.rows.toLocaleString("en").padStart(10)}  import ${seconds.toFixed(1).padStart(5)} s  COPY ${anchorBefore.toFixed(1)} s / ${anchorAfter.toFixed(1)} s  ratio ${(seconds / anchor).toFixed(2)}×  · same file again ${secondsAgain.toFixed(1)} s (${(secondsAgain / anchor).toFixed(2)}×), ${again.status === "imported" ? again.changed : "?"} changed  · peak RSS ${mb(measured.peakRss)} (+${mb(measured.peakRss - measured.rssBefore)}), heap ${mb(measured.peakHeap)}  · load ${loadBefore} → ${load()}`,
    );
  } finally {
    await db.close();
  }
}

/** The same file through queueCallImport (stored in pieces) and runCallImport, timed apart. */
async function jobPart(db: OpenDatabase) {
  const organizationId = (await createOrganization(db.prisma)).id;
  await db.prisma.callReason.createMany({
    data: Array.from({ length: REASONS }, (_, i) => ({
      organizationId,
      code: `reason-${i.toString().padStart(3, "0")}`,
      label: `Reason ${i}`,
    })),
  });
  const analyst = (
    await createMember(db.prisma, { organizationId, roles: ["ANALYST"], passwordHash: "x" })
  ).user.id;
  const ctx = { db: db.prisma, actor: await loadActor(db.prisma, analyst) };
  const started = performance.now();
  const queued = await queueCallImport(ctx, generatedCsv(ROWS), {
    organizationId,
    fileName: "bench.csv",
    granularity: "DAY",
    dateFormat: "iso",
    mapping: { date: "date", reason: "reason", calls: "calls", region: "region" },
    dropColumns: [],
    dryRun: false,
  });
  const stored = (performance.now() - started) / 1000;
  const running = performance.now();
  const outcome = await runCallImport(db.prisma, queued.importId);
  const ran = (performance.now() - running) / 1000;
  const job = await db.prisma.callImportJob.findUniqueOrThrow({ where: { id: queued.importId } });
  if (outcome !== "done" || job.rowsRead !== ROWS)
    throw new Error(`the job ended ${outcome} after ${job.rowsRead} rows: ${job.error}`);
  return { stored, ran };
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

/**
 * Issue 18's figure: what /analytics asks for (the dashboard and the chart's
 * series, at once, as the page does) over 12 years of daily counts, with
 * `reasons` × `regions` rows a day, and 60 released messages in the last
 * two years. The anchor, in the same run: the bare `SELECT count(*)` over
 * the organisation's CallVolume rows the dashboard summarises.
 */
async function dashboardPart(
  name: string,
  target: DatabaseTarget,
  reasons: number,
  regions: number,
) {
  const { db, organizationId } = await organizationWithReasons(target);
  try {
    const days = 4_383; // 2014-01-01 to 2025-12-31
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "CallVolume" ("organizationId", "granularity", "day", "reasonCode", "region", "calls", "importId")
       SELECT $1, 'DAY', DATE '2014-01-01' + d, 'reason-' || lpad(r::text, 3, '0'), 'region-' || g,
              20 + ((d * 31 + r * 17 + g * 5) % 23), 'bench'
       FROM generate_series(0, ${days - 1}) d, generate_series(0, ${reasons - 1}) r,
            generate_series(0, ${regions - 1}) g`,
      organizationId,
    );
    await refreshCallDaily(db.prisma, organizationId, "everything");
    await db.prisma.$executeRawUnsafe(`ANALYZE "CallVolume"`);
    await db.prisma.$executeRawUnsafe(`ANALYZE "CallDaily"`);
    const analyst = await createMember(db.prisma, {
      organizationId,
      passwordHash: "x",
      roles: ["ANALYST"],
    });
    for (let i = 0; i < 60; i++)
      await createReleasedMessage(db.prisma, {
        organizationId,
        ownerId: analyst.user.id,
        channel: (["EMAIL", "SMS", "LETTER"] as const)[i % 3],
        recipients: 5_000 + (i % 50) * 1_000,
        sendDates: [new Date(Date.UTC(2024, 0, 1) + ((i * 37) % 700) * DAY)],
        score: 40 + (i % 55),
        reasons: [`reason-${(i % reasons).toString().padStart(3, "0")}`],
      });
    const ctx = { db: db.prisma, actor: await loadActor(db.prisma, analyst.user.id) };
    const [{ n: rows }] = (await db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "CallVolume" WHERE "organizationId" = $1`,
      organizationId,
    )) as [{ n: number }];
    const loadBefore = load();
    const page: number[] = [];
    const anchor: number[] = [];
    for (let run = 0; run < 3; run++) {
      let started = performance.now();
      await db.prisma.$queryRawUnsafe(
        `SELECT count(*) FROM "CallVolume" WHERE "organizationId" = $1`,
        organizationId,
      );
      anchor.push(performance.now() - started);
      started = performance.now();
      await Promise.all([callDashboard(ctx, organizationId), callSeries(ctx, organizationId)]);
      page.push(performance.now() - started);
    }
    page.sort((a, b) => a - b);
    anchor.sort((a, b) => a - b);
    console.log(
      `${name.padEnd(11)} ${rows.toLocaleString("en").padStart(10)} rows: dashboard + series median ${(page[1]! / 1000).toFixed(2)} s (best ${(page[0]! / 1000).toFixed(2)} s)  · count(*) anchor median ${(anchor[1]! / 1000).toFixed(3)} s  · ratio ${(page[1]! / anchor[1]!).toFixed(1)}×  · load ${loadBefore} → ${load()}`,
    );
  } finally {
    await db.close();
  }
}

export async function callsBench(parts: string[]): Promise<void> {
  const want = (part: string) => parts.length === 0 || parts.includes(part);
  if (want("import")) {
    console.log(
      `\nImport ${ROWS.toLocaleString("en")} daily rows beside the database's own COPY of the same rows into a table keyed like CallVolume, before and after (goal on PostgreSQL: ≤ 3× COPY FROM STDIN)`,
    );
    await onEachDatabase("calls", importPart);
  }
  if (want("analysis")) {
    console.log(`\nFull analysis (goal on PostgreSQL: under 1 s)`);
    await onEachDatabase("calls", analysisPart);
  }
  if (want("dashboard")) {
    console.log(
      `\nThe analytics page's reads (dashboard + series), 12 years of daily data (goal on PostgreSQL: under 1 s)`,
    );
    for (const [reasons, regions] of [
      [22, 1],
      [92, 5],
    ] as const)
      await onEachDatabase("calls", (name, target) =>
        dashboardPart(name, target, reasons, regions),
      );
  }
  // In memory: the model works on release reports, not on the database.
  if (want("evidence")) await evidenceBench();
}
