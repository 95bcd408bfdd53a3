// The deploy guide's processes, run as docs/compose.yaml runs them: its
// migrate, collab, web and worker commands (read from the file, not copied)
// against PostgreSQL and Redis, each its own process. Then SIGTERM to web in
// the middle of a request: the request is answered, new ones are refused.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import { freePort } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admin, exited, jsonLines, REDIS_URL, run, SERVER, type Started, waitFor } from "./compose";

describe("the deploy guide's processes on PostgreSQL and Redis", () => {
  const started: ChildProcess[] = [];
  let databaseUrl: string;
  let name: string;
  let env: Record<string, string>;
  let webPort: number;
  let web: Started;

  beforeAll(async () => {
    name = `conductor_deploy_${randomBytes(3).toString("hex")}`;
    await admin(`CREATE DATABASE "${name}"`);
    const url = new URL(SERVER);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    const collabPort = await freePort();
    webPort = await freePort();
    env = {
      // The compose file's settings, with this machine's hosts and ports.
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      REDIS_PREFIX: `conductor-deploy-${randomBytes(3).toString("hex")}`,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: `http://127.0.0.1:${webPort}`,
      COLLAB_INTERNAL_URL: `http://127.0.0.1:${collabPort}`,
      COLLAB_PORT: String(collabPort),
      COLLAB_ADDRESS: "127.0.0.1",
      METRICS_PORT: "",
      CONDUCTOR_EMBEDDED: "",
    };
  }, 60_000);

  afterAll(async () => {
    for (const child of started) {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {}
    }
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it("migrate, collab, web and worker come up and say they are ready; web names collab once it stops", {
    timeout: 300_000,
  }, async () => {
    const migrate = run("migrate", env);
    started.push(migrate.child);
    expect(await exited(migrate.child), migrate.output()).toBe(0);

    const collab = run("collab", env);
    started.push(collab.child);
    await waitFor(`${env.COLLAB_INTERNAL_URL}/ready`, collab);

    web = run("web", { ...env, PORT: String(webPort) });
    started.push(web.child);
    await waitFor(`http://127.0.0.1:${webPort}/api/ready`, web);
    const ready = await (await fetch(`http://127.0.0.1:${webPort}/api/ready`)).json();
    expect(ready).toEqual({
      status: "ready",
      checks: { database: "ok", migrations: "ok", redis: "ok", collab: "ok" },
    });

    // The worker serves its metrics (queue depth) on its own METRICS_PORT.
    const workerMetrics = await freePort();
    const worker = run("worker", { ...env, METRICS_PORT: String(workerMetrics) });
    started.push(worker.child);
    const deadline = Date.now() + 120_000;
    while (!worker.output().includes("worker: ready") && Date.now() < deadline) {
      expect(worker.child.exitCode, worker.output()).toBeNull();
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(worker.output()).toContain("worker: ready");
    expect(
      jsonLines(worker.output()).some(
        (line) => line.service === "worker" && String(line.msg).startsWith("worker: ready"),
      ),
    ).toBe(true);
    const scraped = await (await fetch(`http://127.0.0.1:${workerMetrics}/metrics`)).text();
    expect(scraped).toMatch(/^conductor_queue_depth\{queue="mail-deliver"\} \d+$/m);
    expect(scraped).toMatch(/^conductor_queue_depth\{queue="review-reminders"\} \d+$/m);

    // Collab stopped as an orchestrator stops it: web's readiness names it.
    collab.child.kill("SIGTERM");
    expect(await exited(collab.child), collab.output()).toBe(0);
    const without = await fetch(`http://127.0.0.1:${webPort}/api/ready`);
    expect(without.status).toBe(503);
    expect(await without.json()).toMatchObject({ status: "not ready", failed: ["collab"] });

    // Every web and collab line is JSON with its service.
    const lines = jsonLines(web.output());
    expect(lines.some((line) => line.service === "web" && line.msg === "request")).toBe(true);
    expect(collab.output()).toContain('"msg":"collab: stopped; every document stored"');
  });

  it("web, sent SIGTERM mid-request, answers that request and then refuses new ones", {
    timeout: 120_000,
  }, async () => {
    expect(web?.child.exitCode, "web from the first test is running").toBeNull();
    // A sign-in form sent slowly: next-auth reads the whole body before answering.
    const form = "csrfToken=x&email=nobody%40example.com&password=wrong-password-0";
    const socket = connect(webPort, "127.0.0.1");
    await new Promise<void>((r, reject) => {
      socket.once("connect", () => r());
      socket.once("error", reject);
    });
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk));
    const closed = new Promise<void>((r) => socket.once("close", () => r()));
    socket.write(
      [
        "POST /api/auth/callback/credentials HTTP/1.1",
        `Host: 127.0.0.1:${webPort}`,
        "Content-Type: application/x-www-form-urlencoded",
        `Content-Length: ${form.length}`,
        "Connection: close",
        "",
        form.slice(0, 10),
      ].join("\r\n"),
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(answer, "the request is still in flight").toBe("");

    // As an orchestrator stops a container: SIGTERM to its main process.
    const stopped = exited(web.child);
    web.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
    socket.write(form.slice(10));
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 [1-4]\d\d /);

    // next start ends with 128 + SIGTERM once its requests are answered.
    expect(await stopped).toBe(143);
    const refused = await fetch(`http://127.0.0.1:${webPort}/api/health`).then(
      () => "answered",
      () => "refused",
    );
    expect(refused).toBe("refused");
  });
});
