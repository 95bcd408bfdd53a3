#!/usr/bin/env node
// `npm test`: generate the Prisma client, build the web app (browser tests run
// against the production build), then run every test once with Vitest and end
// with one plain totals line. Set DATABASE_URL to run on PostgreSQL instead of
// embedded PGlite.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: "1", NEXT_TELEMETRY_DISABLED: "1" };

// Built as `npm start` builds it (NODE_ENV=production is part of turbo's
// hash), so the browser tests' start is a cache hit rather than a second build.
const build = spawnSync(
  bin("turbo"),
  ["run", "build", "--filter=@conductor/web", "--output-logs=errors-only"],
  {
    cwd: root,
    env: { ...env, NODE_ENV: "production" },
    stdio: "inherit",
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const report = join(tmpdir(), `conductor-vitest-${process.pid}.json`);
const run = spawnSync(
  bin("vitest"),
  [
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ],
  { cwd: root, env, stdio: "inherit" },
);

if (existsSync(report)) {
  const totals = JSON.parse(readFileSync(report, "utf8"));
  rmSync(report, { force: true });
  const skipped = totals.numPendingTests + totals.numTodoTests;
  console.log(`\nTests on ${env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite"}:`);
  console.log(
    `${totals.numPassedTests} passed, ${totals.numFailedTests} failed, ${skipped} skipped`,
  );
}
process.exit(run.status ?? 1);
