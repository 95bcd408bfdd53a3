#!/usr/bin/env node
// `npm start`: build what changed (Turborepo cache), migrate, seed the demo
// organisation, and serve Conductor on http://localhost:$PORT (default 3000).
// With no DATABASE_URL the data lives in embedded PGlite under .data/.
//
// `npm run dev` (--dev): the same three processes (database, collaboration,
// web) with reload instead of a build: `next dev` for the web app and
// `tsx watch` for the collaboration server, so a change to either, or to a
// package they import, is picked up without a restart. The database process
// is not watched: restarting it would cut every connection for nothing.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const port = process.env.PORT ?? "3000";
const dev = process.argv.includes("--dev");
const env = {
  ...process.env,
  CONDUCTOR_DATA_DIR: resolve(root, process.env.CONDUCTOR_DATA_DIR ?? ".data"),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  NODE_ENV: dev ? "development" : "production",
  TURBO_TELEMETRY_DISABLED: "1",
  NEXT_TELEMETRY_DISABLED: "1",
};
const started = performance.now();
const step = (label) =>
  console.log(`\n▸ ${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);

function run(command, args, cwd = root) {
  const result = spawnSync(command, args, { cwd, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(
      `\n✗ ${[command, ...args].join(" ")} failed (exit ${result.status ?? result.signal})`,
    );
    process.exit(result.status ?? 1);
  }
}

if (!existsSync(bin("turbo"))) {
  console.error("Dependencies are missing: run `npm install` first.");
  process.exit(1);
}

if (dev) {
  // next dev compiles on request; only the generated Prisma client must exist.
  step("Generating the database client");
  run(bin("turbo"), ["run", "db:generate", "--output-logs=errors-only"]);
} else if (!process.argv.includes("--no-build")) {
  step("Building");
  run(bin("turbo"), ["run", "build", "--filter=@conductor/web", "--output-logs=errors-only"]);
}
const children = [];
let stopping = false;
/** Long enough for collab to store every document (it gives up after 25 s) and web to finish requests. */
const STOP_GRACE_MS = 30_000;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  // Each child stops gracefully on SIGTERM; leaving before they finish would
  // close the pipe their last log lines go to.
  for (const child of children) child.kill("SIGTERM");
  setTimeout(() => process.exit(code), STOP_GRACE_MS).unref();
  Promise.all(children.map((child) => new Promise((r) => child.once("exit", r)))).then(() =>
    process.exit(code),
  );
}
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => stopAll(0));

/** Restart delays for a supervised service that keeps dying young: 0.5 s, doubling to 30 s. */
const FIRST_RESTART_MS = 500;
const LAST_RESTART_MS = 30_000;
/** After a run this long the backoff starts over. */
const HEALTHY_MS = 60_000;

/**
 * A long-running part of the product; `children` holds the running ones.
 * If one stops, everything stops — except a supervised one (the
 * collaboration server), which is started again with backoff while the web
 * app keeps serving: editors keep their edits and reconnect by themselves.
 */
function service(name, command, args, cwd, extraEnv = {}, { supervised = false } = {}) {
  let delay = FIRST_RESTART_MS;
  const start = () => {
    const child = spawn(command, args, {
      cwd,
      env: { ...env, ...extraEnv },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const startedAt = Date.now();
    children.push(child);
    child.stdout.pipe(process.stdout);
    child.on("exit", (code, signal) => {
      children.splice(children.indexOf(child), 1);
      if (stopping) return;
      if (!supervised) {
        console.error(`\n✗ ${name} stopped (${code ?? signal}); stopping Conductor`);
        stopAll(code || 1);
        return;
      }
      if (Date.now() - startedAt >= HEALTHY_MS) delay = FIRST_RESTART_MS;
      console.error(
        `\n✗ ${name} stopped (${code ?? signal}); starting it again in ${delay / 1000} s (the web app keeps serving; editors reconnect)`,
      );
      setTimeout(() => stopping || start(), delay);
      delay = Math.min(delay * 2, LAST_RESTART_MS);
    });
    return child;
  };
  return start();
}

/** Resolves with the first line matching `pattern` the child prints. */
function waitForLine(child, pattern) {
  return new Promise((resolveLine, reject) => {
    let buffered = "";
    const onData = (chunk) => {
      buffered += chunk;
      const match = buffered.match(pattern);
      if (match) {
        child.stdout.off("data", onData);
        resolveLine(match);
      }
    };
    child.stdout.on("data", onData);
    child.once("exit", () => reject(new Error("exited before it was ready")));
  });
}

const collabPort = process.env.COLLAB_PORT ?? String(Number(port) + 1);
let databaseUrl = env.DATABASE_URL;
if (databaseUrl) {
  step("Preparing PostgreSQL");
  run(bin("tsx"), ["src/migrate/prepare.ts", "--seed-demo"], join(root, "packages", "db"));
} else {
  // Embedded PGlite is one process's folder: a small database process owns it
  // and serves it on loopback to the web app and the collaboration server.
  step(`Preparing the embedded database in ${env.CONDUCTOR_DATA_DIR}`);
  const database = service(
    "database",
    process.execPath,
    ["--import", "tsx", "src/embedded/main.ts", "--seed-demo"],
    join(root, "packages", "db"),
    { CONDUCTOR_DB_PORT: process.env.CONDUCTOR_DB_PORT ?? String(Number(port) + 2) },
  );
  // A JSON line (pino writes the fields before the message).
  databaseUrl = (await waitForLine(database, /"url":"([^"]+)","msg":"database: ready"/))[1];
  Object.assign(env, { DATABASE_URL: databaseUrl, CONDUCTOR_EMBEDDED: "1" });
}
Object.assign(env, { COLLAB_PORT: collabPort });
// Metrics (off unless METRICS_PORT is set): web on METRICS_PORT, collab on
// COLLAB_METRICS_PORT or else the next port. Tests name each: a port next to
// one they reserved is nobody's to take.
const collabMetrics = env.METRICS_PORT
  ? { METRICS_PORT: env.COLLAB_METRICS_PORT || String(Number(env.METRICS_PORT) + 1) }
  : {};
// The worker's (queue depth) on WORKER_METRICS_PORT or else the one after collab's.
const workerMetrics = env.METRICS_PORT
  ? { METRICS_PORT: env.WORKER_METRICS_PORT || String(Number(env.METRICS_PORT) + 2) }
  : {};

step(`Starting collaboration on ws://127.0.0.1:${collabPort}`);
if (dev)
  service(
    "collaboration server",
    bin("tsx"),
    ["watch", "--clear-screen=false", "src/main.ts"],
    join(root, "apps", "collab"),
    collabMetrics,
    { supervised: true },
  );
else
  service(
    "collaboration server",
    process.execPath,
    ["--import", "tsx", "src/main.ts"],
    join(root, "apps", "collab"),
    collabMetrics,
    { supervised: true },
  );

// The job worker (mail delivery, reminders, digests): supervised like
// collab, since a crash loses no job (they wait in the database).
step("Starting the job worker");
service(
  "job worker",
  process.execPath,
  ["--import", "tsx", "src/jobs/main.ts"],
  join(root, "packages", "core"),
  workerMetrics,
  { supervised: true },
);

step(`Starting on http://localhost:${port}${dev ? " (next dev)" : ""}`);
service(
  "web server",
  bin("next"),
  [dev ? "dev" : "start", "--port", port],
  join(root, "apps", "web"),
);
console.log(
  "Demo sign-in: comms@harbour.example / conductor-demo (README lists every demo account)",
);
