// Issue 2's figures: cold start of a fresh clone, and communications.list
// with 10,000 communications under 50 concurrent clients, on PGlite and on
// PostgreSQL. Prints a table; asserts nothing.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { type DatabaseTarget, openDatabase } from "@conductor/db";
import { applyMigrations } from "@conductor/db/migrate";
import { DEMO_PASSWORD, demoAccounts, seedDemoOrganization } from "@conductor/db/seed";
import pg from "pg";
import { root, signIn, startApp } from "./app";
import { percentile, runLoad } from "./load";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const COMMUNICATIONS = 10_000;
const PG_SERVER = process.env.BENCH_PG_SERVER ?? "postgres://postgres@127.0.0.1:5432";

async function coldStart(): Promise<number> {
  // A fresh clone of HEAD with the installed dependencies hard-linked in:
  // what `npm start` faces right after `npm install`, with no build cache.
  const dir = await mkdtemp(join(tmpdir(), "conductor-cold-"));
  try {
    execFileSync("git", ["clone", "-q", root, dir]);
    execFileSync("cp", ["-al", join(root, "node_modules"), join(dir, "node_modules")]);
    const app = await startApp({
      cwd: dir,
      env: { CONDUCTOR_DATA_DIR: join(dir, ".data"), DATABASE_URL: "" },
    });
    await app.stop();
    return app.secondsToFirstPage;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function seedVolume(target: DatabaseTarget): Promise<void> {
  const db = await openDatabase(target);
  try {
    await applyMigrations(db.connection);
    const demo = (await seedDemoOrganization(db.prisma))!;
    const now = Date.now();
    for (let batch = 0; batch < COMMUNICATIONS / 1000; batch++) {
      await db.prisma.communication.createMany({
        data: Array.from({ length: 1000 }, (_, i) => {
          const n = batch * 1000 + i;
          return {
            organizationId: demo.organizationId,
            ownerId: demo.userIds.commsManager,
            title: `Bench message ${n}`,
            channel: (["EMAIL", "SMS", "LETTER", "EBILL"] as const)[n % 4]!,
            status: (["DRAFT", "IN_REVIEW", "APPROVED", "RELEASED"] as const)[n % 4]!,
            audienceDescription: "Bench audience",
            updatedAt: new Date(now - n * 60_000),
          };
        }),
      });
    }
    // A real table has planner statistics (autovacuum keeps them); a table
    // bulk-loaded a moment ago does not, so gather them as autovacuum would.
    await db.prisma.$executeRawUnsafe("ANALYZE");
  } finally {
    await db.close();
  }
}

const floors: string[] = [];

interface ListFigures {
  backEnd: string;
  requests: number;
  errors: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  floorP95: number;
  load: string;
}

async function listLatency(backEnd: "PGlite" | "PostgreSQL"): Promise<ListFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), "conductor-bench-"));
  let databaseUrl = "";
  let target: DatabaseTarget = { kind: "pglite", dataDir: join(dataDir, "pglite") };
  const dbName = `conductor_bench_${randomBytes(3).toString("hex")}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: `${PG_SERVER}/postgres` });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  if (backEnd === "PostgreSQL") {
    await admin(`CREATE DATABASE "${dbName}"`);
    databaseUrl = `${PG_SERVER}/${dbName}`;
    target = { kind: "postgres", url: databaseUrl };
  }
  try {
    await seedVolume(target);
    const app = await startApp({
      // BENCH_NO_BUILD=1: serve the web build already there (say so beside the figure).
      args: process.env.BENCH_NO_BUILD ? ["--no-build"] : [],
      env: {
        CONDUCTOR_DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: randomBytes(32).toString("hex"),
      },
    });
    try {
      const cookie = await signIn(app.baseUrl, demoAccounts.commsManager.email, DEMO_PASSWORD);
      type Trpc<T> = { result: { data: { json: T } } };
      const me = (await fetch(`${app.baseUrl}/api/trpc/viewer.me`, { headers: { cookie } }).then(
        (r) => r.json(),
      )) as Trpc<{
        memberships: { organizationId: string }[];
      }>;
      const organizationId = me.result.data.json.memberships[0]!.organizationId;
      const input = encodeURIComponent(JSON.stringify({ json: { organizationId, limit: 25 } }));
      const url = `${app.baseUrl}/api/trpc/communications.list?input=${input}`;
      const first = (await fetch(url, { headers: { cookie } }).then((r) => r.json())) as Trpc<{
        items: unknown[];
      }>;
      // The framework's floor on this machine: a route with no session and no database.
      const floorUrl = `${app.baseUrl}/api/health`;
      const loadBefore = loadavg()[0]!.toFixed(1);
      await runLoad({ url: floorUrl, headers: {}, clients: CLIENTS, seconds: 2 });
      const floor = await runLoad({ url: floorUrl, headers: {}, clients: CLIENTS, seconds: 5 });
      const floorSorted = floor.latenciesMs.sort((a, b) => a - b);
      floors.push(
        `${backEnd}: /api/health ${(floor.requests / floor.seconds).toFixed(0)} req/s, p50 ${percentile(floorSorted, 50).toFixed(1)} ms, p95 ${percentile(floorSorted, 95).toFixed(1)} ms`,
      );
      if (first.result.data.json.items.length !== 25)
        throw new Error("list did not return a full page");
      await runLoad({ url, headers: { cookie }, clients: CLIENTS, seconds: 3 }); // warm-up
      const result = await runLoad({
        url,
        headers: { cookie },
        clients: CLIENTS,
        seconds: SECONDS,
      });
      const sorted = result.latenciesMs.sort((a, b) => a - b);
      return {
        backEnd,
        requests: result.requests,
        errors: result.errors,
        perSecond: result.requests / result.seconds,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        floorP95: percentile(floorSorted, 95),
        load: `${loadBefore} → ${loadavg()[0]!.toFixed(1)}`,
      };
    } finally {
      await app.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    if (backEnd === "PostgreSQL") await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  }
}

export async function foundationBench(parts: string[]) {
  const all = parts.length === 0;
  if (all || parts.includes("cold-start")) {
    const seconds = await coldStart();
    console.log(
      `\nCold npm start on a fresh clone (after npm install): ${seconds.toFixed(1)} s to the first served page`,
    );
  }
  if (all || parts.includes("list")) {
    const rows: ListFigures[] = [];
    const only = process.env.BENCH_ONLY;
    for (const backEnd of ["PGlite", "PostgreSQL"] as const)
      if (!only || only === backEnd.toLowerCase()) rows.push(await listLatency(backEnd));
    console.log(
      `\ncommunications.list over HTTP: ${COMMUNICATIONS.toLocaleString("en")} communications, ${CLIENTS} concurrent clients, ${SECONDS} s, page of 25`,
    );
    console.log(
      "back end     requests  errors   req/s    p50 ms   p95 ms   p99 ms   /api/health p95   ratio (goal ≤ 1.5×)   load",
    );
    for (const r of rows) {
      console.log(
        `${r.backEnd.padEnd(12)} ${String(r.requests).padStart(8)} ${String(r.errors).padStart(7)} ${r.perSecond.toFixed(0).padStart(7)} ${r.p50.toFixed(1).padStart(9)} ${r.p95.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)} ${r.floorP95.toFixed(1).padStart(14)} ms ${(r.p95 / r.floorP95).toFixed(2).padStart(10)}×   ${r.load}`,
      );
    }
    console.log(
      "Framework floor at the same concurrency (a Next.js route with no session and no database):",
    );
    for (const line of floors) console.log(`  ${line}`);
  }
}
