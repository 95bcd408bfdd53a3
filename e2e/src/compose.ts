// docs/compose.yaml's services, run as the deploy guide says: each service's
// `command` from its `working_dir` (/app is this checkout). The deploy and
// multi-instance tests start every process through here, so the commands they
// run are the guide's by construction, never a copy that could drift.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import pg from "pg";
import { parse } from "yaml";

export const root = resolve(import.meta.dirname, "..", "..");
/** The PostgreSQL server and Redis every machine and CI run on loopback. */
export const SERVER = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
export const REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379";

interface ComposeService {
  command: string[];
  working_dir?: string;
  environment?: Record<string, string>;
}
const compose = parse(readFileSync(join(root, "docs", "compose.yaml"), "utf8"), {
  merge: true,
}) as { services: Record<string, ComposeService> };

export interface Started {
  child: ChildProcess;
  output: () => string;
}

/** The service's command from compose.yaml, run from its working_dir, in its own process group. */
export function run(name: string, env: Record<string, string>): Started {
  const service = compose.services[name];
  if (!service) throw new Error(`docs/compose.yaml has no ${name} service`);
  const [command, ...args] = service.command;
  const cwd = join(root, (service.working_dir ?? "/app").replace(/^\/app\/?/, ""));
  const child = spawn(command!, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so nothing it starts outlives the test
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  return { child, output: () => output };
}

/** Kills the process and everything it started (its process group). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL") {
  try {
    process.kill(-child.pid!, signal);
  } catch {}
}

export const exited = (child: ChildProcess) =>
  new Promise<number | null>((r) =>
    child.exitCode !== null || child.signalCode !== null
      ? r(child.exitCode)
      : child.once("exit", (code) => r(code)),
  );

/** Waits until `url` answers 200; fails with the process's last output if it exits or takes too long. */
export async function waitFor(url: string, started: Started, ms = 180_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null)
      throw new Error(`exited (${started.child.exitCode}):\n${started.output().slice(-3000)}`);
    const status = await fetch(url).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} was not ready in time:\n${started.output().slice(-3000)}`);
}

/** One statement on the server's maintenance database (CREATE / DROP DATABASE). */
export async function admin(sql: string) {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The JSON lines a process printed (pino's), skipping anything else it wrote. */
export function jsonLines(output: string): Record<string, unknown>[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}
