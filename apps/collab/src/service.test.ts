import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collabSigningKey, postAccessChange } from "@conductor/core";
import { type OpenDatabase, openDatabase } from "@conductor/db";
import { serveEmbeddedDatabase } from "@conductor/db/embedded";
import { applyMigrations } from "@conductor/db/migrate";
import { type DemoSeedResult, seedDemoOrganization } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { withRequestId } from "@conductor/ops";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollabServer } from "./server";
import { collabTokenFor, connect, freePort, startCollabProcess, until } from "./testing";

const AUTH_SECRET = "collab-service-test-auth-secret-0123456789";
const SECRET = collabSigningKey(AUTH_SECRET);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** The JSON lines a child prints from now on. */
function linesOf(child: ChildProcess) {
  let buffered = "";
  const lines: Record<string, unknown>[] = [];
  child.stdout!.on("data", (chunk) => {
    buffered += chunk;
    const complete = buffered.split("\n");
    buffered = complete.pop() ?? "";
    for (const line of complete) {
      try {
        lines.push(JSON.parse(line));
      } catch {
        lines.push({ unstructured: line });
      }
    }
  });
  return lines;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code)),
  );

/** The collab process as a service: health, readiness, logs, metrics and SIGTERM. */
describe("collab process as a service", () => {
  const cleanups: (() => Promise<unknown> | unknown)[] = [];
  const processes = new Set<ChildProcess>();
  let db: OpenDatabase;
  let demo: DemoSeedResult;
  let communicationId: string;
  let shared: Record<string, string>;
  const token = (userId: string) => collabTokenFor(db, communicationId, userId, SECRET);
  const start = async (env: Record<string, string>) => {
    const child = await startCollabProcess({ ...shared, ...env });
    processes.add(child);
    return child;
  };

  beforeAll(async () => {
    let databaseUrl: string;
    if (process.env.DATABASE_URL) {
      db = await createTestDatabase();
      databaseUrl = (db.connection.target as { url: string }).url;
    } else {
      // Embedded PGlite served on loopback, as `npm start` shares it, so this
      // test reads what the child stored while it runs and after it stops.
      const served = await serveEmbeddedDatabase({
        dataDir: join(mkdtempSync(join(tmpdir(), "conductor-service-")), "pglite"),
        port: await freePort(),
        prepare: async (connection) => void (await applyMigrations(connection)),
      });
      cleanups.push(() => served.stop());
      databaseUrl = served.url;
      db = await openDatabase({ kind: "postgres", url: databaseUrl });
    }
    cleanups.push(() => db.close());
    demo = (await seedDemoOrganization(db.prisma))!;
    communicationId = (
      await db.prisma.communication.findFirstOrThrow({
        where: { title: { contains: "transactional" } },
      })
    ).id;
    shared = {
      DATABASE_URL: databaseUrl,
      CONDUCTOR_EMBEDDED: "1",
      AUTH_SECRET,
      REDIS_PREFIX: `conductor-test-${randomBytes(4).toString("hex")}`,
    };
    cleanups.push(async () => {
      for (const child of processes) {
        child.kill("SIGKILL");
        await exited(child);
      }
    });
  }, 120_000);
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("answers /health and /ready, logs with the web request's id, and serves metrics only on METRICS_PORT", {
    timeout: 90_000,
  }, async () => {
    const [port, metricsPort] = [await freePort(), await freePort()];
    const child = await start({
      COLLAB_PORT: String(port),
      METRICS_PORT: String(metricsPort),
      REDIS_URL,
    });
    const lines = linesOf(child);
    const base = `http://127.0.0.1:${port}`;

    const health = await fetch(`${base}/health`);
    expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);
    const ready = await fetch(`${base}/ready`, { headers: { "x-request-id": "probe-0001-ready" } });
    expect(ready.headers.get("x-request-id")).toBe("probe-0001-ready");
    expect([ready.status, await ready.json()]).toEqual([
      200,
      { status: "ready", checks: { database: "ok", migrations: "ok", redis: "ok" } },
    ]);

    // Traffic: two editors in one document, an edit stored.
    const legal = connect(port, communicationId, await token(demo.userIds.legal));
    const marketing = connect(port, communicationId, await token(demo.userIds.marketing));
    await Promise.all([legal.synced, marketing.synced]);
    legal.type("Counted by the metrics.");
    expect(await until(() => marketing.text().includes("Counted by the metrics."))).toBe(true);

    // An access change sent from inside a web request carries that request's id.
    await withRequestId("web-req-7f3a2b1c", () =>
      postAccessChange(
        base,
        { userId: demo.userIds.marketing, organizationId: demo.organizationId },
        SECRET,
      ),
    );
    await expect
      .poll(() => lines.find((line) => line.msg === "access change"), { timeout: 10_000 })
      .toMatchObject({ service: "collab", requestId: "web-req-7f3a2b1c", status: 202 });
    expect(lines.find((line) => line.msg === "request" && line.route === "/ready")).toMatchObject({
      requestId: "probe-0001-ready",
      route: "/ready",
      status: 200,
    });
    // Nobody's text, token or secret in what it printed.
    const printed = JSON.stringify(lines);
    for (const secret of ["Counted by the metrics", AUTH_SECRET, SECRET])
      expect(printed).not.toContain(secret);

    const scrape = async () => (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    await expect
      .poll(scrape, { timeout: 10_000 })
      .toMatch(
        /conductor_document_store_duration_seconds_count\{operation="store",outcome="ok"\} [1-9]/,
      );
    const text = await scrape();
    expect(text).toMatch(/^conductor_collab_connections 2$/m);
    expect(text).toMatch(/^conductor_collab_documents 1$/m);
    expect(text).toMatch(
      /conductor_document_store_duration_seconds_count\{operation="load",outcome="ok"\} 1/,
    );
    expect(text).toMatch(
      /conductor_http_request_duration_seconds_count\{service="collab",method="GET",route="\/ready",status="200"\} 1/,
    );

    // The collaboration port itself serves no metrics.
    const onAppPort = await fetch(`${base}/metrics`);
    expect(onAppPort.status).toBe(404);
    expect(await onAppPort.text()).not.toContain("conductor_");

    legal.close();
    marketing.close();
    await expect
      .poll(async () => scrape(), { timeout: 10_000 })
      .toMatch(/^conductor_collab_connections 0$/m);
    child.kill("SIGTERM");
    expect(await exited(child)).toBe(0);
  });

  it("on SIGTERM mid-edit stores every loaded document before it exits", {
    timeout: 90_000,
  }, async () => {
    const port = await freePort();
    // A minute's debounce: only the shutdown's flush can store these edits.
    const child = await start({
      COLLAB_PORT: String(port),
      COLLAB_STORE_DEBOUNCE_MS: "60000",
      COLLAB_STORE_MAX_DEBOUNCE_MS: "60000",
    });
    const lines = linesOf(child);
    const legal = connect(port, communicationId, await token(demo.userIds.legal));
    const product = connect(port, communicationId, await token(demo.userIds.product));
    await Promise.all([legal.synced, product.synced]);
    const markers = Array.from({ length: 12 }, (_, i) => `[before shutdown ${i}]`);
    for (const marker of markers) legal.type(marker);
    // Every edit acknowledged (in the update log), none yet folded by the debounced store.
    expect(await until(() => !legal.provider.hasUnsyncedChanges, 10_000)).toBe(true);
    const before = await db.prisma.communicationDocument.findUnique({ where: { communicationId } });
    expect(before?.text ?? "").not.toContain("[before shutdown 0]");
    child.kill("SIGTERM");
    expect(await exited(child)).toBe(0);
    legal.close();
    product.close();

    // Read straight from the database, with no collab process to replay the log.
    const stored = await db.prisma.communicationDocument.findUniqueOrThrow({
      where: { communicationId },
    });
    const missing = markers.filter((marker) => !stored.text.includes(marker));
    expect(missing).toEqual([]);
    // Folded into the stored state by the store itself, not left for a replay.
    expect(await db.prisma.communicationDocumentUpdate.count({ where: { communicationId } })).toBe(
      0,
    );
    const body = await db.prisma.communication.findUniqueOrThrow({
      where: { id: communicationId },
      select: { body: true },
    });
    expect(body.body).toContain("[before shutdown 11]");
    expect(lines.map((line) => line.msg)).toEqual(
      expect.arrayContaining([
        "collab: stopping; storing every loaded document",
        "collab: stopped; every document stored",
      ]),
    );
  });

  it("answers 503 naming the database when it cannot reach it", async () => {
    const closed = await createTestDatabase();
    await closed.close();
    const port = await freePort();
    const server = createCollabServer({ db: closed.prisma, secret: SECRET, port });
    await server.listen();
    try {
      const response = await fetch(`http://127.0.0.1:${port}/ready`);
      expect(response.status).toBe(503);
      const body = (await response.json()) as { failed: string[]; checks: Record<string, string> };
      expect(body.failed).toEqual(["database", "migrations"]);
      expect(JSON.stringify(body)).not.toMatch(/PGlite|closed|Error|at /);
    } finally {
      server.httpServer.close();
    }
  });
});
