import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { freePort } from "@conductor/db/testing";

// Re-exported: the other benchmarks take their ports from here.
export { freePort };

export const root = join(import.meta.dirname, "..", "..");

export interface RunningApp {
  baseUrl: string;
  process: ChildProcess;
  /** Seconds from spawn to the first served sign-in page. */
  secondsToFirstPage: number;
  stop(): Promise<void>;
}

/** Starts the product with the README's start script and waits for the first page. */
export async function startApp(options: {
  cwd?: string;
  env: Record<string, string>;
  args?: string[];
}): Promise<RunningApp> {
  const cwd = options.cwd ?? root;
  const port = await freePort();
  const started = performance.now();
  let output = "";
  const child = spawn(
    process.execPath,
    [join(cwd, "scripts", "start.mjs"), ...(options.args ?? [])],
    {
      cwd,
      env: { ...process.env, ...options.env, PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  child.stdout?.on("data", (c) => (output += c));
  child.stderr?.on("data", (c) => (output += c));
  const baseUrl = `http://localhost:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited:\n${output.slice(-3000)}`);
    if (performance.now() - started > 600_000)
      throw new Error(`app not up after 10 minutes:\n${output.slice(-3000)}`);
    if (
      await fetch(`${baseUrl}/signin`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const secondsToFirstPage = (performance.now() - started) / 1000;
  return {
    baseUrl,
    process: child,
    secondsToFirstPage,
    stop: async () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {}
      await new Promise((r) => setTimeout(r, 1000));
    },
  };
}

/** Signs in through next-auth's credentials endpoint; returns the Cookie header. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      jar.set(name!.trim(), value.join("="));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: cookie(),
      // State changes must name their origin, as a browser does (see the web app's proxy).
      origin: new URL(baseUrl).origin,
    },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(response);
  if (![...jar.keys()].some((k) => k.endsWith("session-token")))
    throw new Error(`sign-in failed (${response.status})`);
  return cookie();
}
