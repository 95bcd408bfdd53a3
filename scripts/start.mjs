#!/usr/bin/env node
// `npm start`: build what changed (Turborepo cache), migrate, seed the demo
// organisation, and serve Conductor on http://localhost:$PORT (default 3000).
// With no DATABASE_URL the data lives in embedded PGlite under .data/.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const port = process.env.PORT ?? "3000";
const env = {
  ...process.env,
  CONDUCTOR_DATA_DIR: resolve(root, process.env.CONDUCTOR_DATA_DIR ?? ".data"),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  NODE_ENV: "production",
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

if (!process.argv.includes("--no-build")) {
  step("Building");
  run(bin("turbo"), ["run", "build", "--filter=@conductor/web", "--output-logs=errors-only"]);
}
step(
  env.DATABASE_URL
    ? "Preparing PostgreSQL"
    : `Preparing the embedded database in ${env.CONDUCTOR_DATA_DIR}`,
);
run(bin("tsx"), ["src/migrate/prepare.ts", "--seed-demo"], join(root, "packages", "db"));

step(`Starting on http://localhost:${port}`);
const server = spawn(bin("next"), ["start", "--port", port], {
  cwd: join(root, "apps", "web"),
  env,
  stdio: "inherit",
});
console.log(
  "Demo sign-in: comms@harbour.example / conductor-demo (README lists every demo account)",
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
