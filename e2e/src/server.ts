// Vitest global set-up for browser tests: a fresh database holding the demo
// organisation and a second organisation, then the product started the way
// the README starts it (scripts/start.mjs), on a free port.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type DatabaseTarget, openDatabase } from "@conductor/db";
import { applyMigrations } from "@conductor/db/migrate";
import { seedDemoOrganization, seedOtherOrganization } from "@conductor/db/seed";
import { freePort } from "@conductor/db/testing";
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** Web's metrics port, as npm start runs with METRICS_PORT (collab's is a port of its own). */
    metricsUrl: string;
    collabMetricsUrl: string;
    /**
     * The app's own database (the embedded database's loopback server, or the
     * PostgreSQL database made for this run): for arranging what no page can
     * make, such as a mail the server refused.
     */
    databaseUrl: string;
    /** The server's AUTH_SECRET, for signing what it signs (unsubscribe links). */
    authSecret: string;
  }
}

const root = resolve(import.meta.dirname, "..", "..");

async function onServer(url: string, sql: string) {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function waitForServer(url: string, server: ChildProcess, log: () => string) {
  // The spawned `npm start` script builds (cached after the first run),
  // migrates, seeds and starts three processes: minutes on a shared machine.
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the app exited (${server.exitCode}):\n${log()}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not answer at ${url} within 3 minutes:\n${log()}`);
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL || undefined;
  const dataDir = await mkdtemp(join(tmpdir(), "conductor-e2e-"));
  let databaseUrl: string | undefined;
  let target: DatabaseTarget;
  if (serverUrl) {
    const name = `${new URL(serverUrl).pathname.slice(1) || "conductor"}_e2e_${randomBytes(3).toString("hex")}`;
    await onServer(serverUrl, `CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    target = { kind: "postgres", url: databaseUrl };
  } else {
    target = { kind: "pglite", dataDir: join(dataDir, "pglite") };
  }

  const db = await openDatabase(target);
  try {
    await applyMigrations(db.connection);
    await seedDemoOrganization(db.prisma);
    await seedOtherOrganization(db.prisma);
  } finally {
    await db.close();
  }

  const port = await freePort();
  const metricsPort = await freePort();
  const collabMetricsPort = await freePort();
  const workerMetricsPort = await freePort();
  const dbPort = await freePort();
  const authSecret = randomBytes(32).toString("base64url");
  let output = "";
  const server = spawn(process.execPath, [join(root, "scripts", "start.mjs")], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      COLLAB_PORT: String(await freePort()),
      CONDUCTOR_DB_PORT: String(dbPort),
      METRICS_PORT: String(metricsPort),
      COLLAB_METRICS_PORT: String(collabMetricsPort),
      WORKER_METRICS_PORT: String(workerMetricsPort),
      CONDUCTOR_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? "",
      AUTH_SECRET: authSecret,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  server.stdout?.on("data", (chunk) => (output += chunk));
  server.stderr?.on("data", (chunk) => (output += chunk));
  const baseUrl = `http://localhost:${port}`;
  await waitForServer(`${baseUrl}/signin`, server, () => output.slice(-4000));
  project.provide("baseUrl", baseUrl);
  project.provide("metricsUrl", `http://127.0.0.1:${metricsPort}`);
  project.provide("collabMetricsUrl", `http://127.0.0.1:${collabMetricsPort}`);
  project.provide("databaseUrl", databaseUrl ?? `postgres://postgres@127.0.0.1:${dbPort}/postgres`);
  project.provide("authSecret", authSecret);

  return async () => {
    if (server.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {}
    }
    await new Promise((r) => setTimeout(r, 500));
    await rm(dataDir, { recursive: true, force: true });
    if (serverUrl && databaseUrl) {
      await onServer(
        serverUrl,
        `DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`,
      );
    }
  };
}
