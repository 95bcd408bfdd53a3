import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { OpenDatabase } from "@conductor/db";
import { createTestDatabase, freePort } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metrics, metricsPortFrom, serveMetrics } from "./metrics";
import {
  checkReadiness,
  databaseCheck,
  findMigrationsDir,
  httpCheck,
  migrationsCheck,
  readinessBody,
  redisCheck,
} from "./readiness";

// A real Redis runs on 127.0.0.1:6379 where the tests run (as for collab's Redis tests).
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe("readiness checks against real parts", () => {
  let db: OpenDatabase;
  let dependency: Server;
  let dependencyUrl: string;
  let dependencyStatus = 200;
  beforeAll(async () => {
    db = await createTestDatabase();
    dependency = createServer((_request, response) => response.writeHead(dependencyStatus).end());
    await new Promise<void>((resolve) => dependency.listen(0, "127.0.0.1", resolve));
    dependencyUrl = `http://127.0.0.1:${(dependency.address() as AddressInfo).port}/health`;
  });
  afterAll(async () => {
    await db?.close();
    await new Promise((resolve) => dependency?.close(resolve));
  });

  const all = (
    overrides: { redisUrl?: string; migrationsDir?: string; collabUrl?: string } = {},
  ) => ({
    database: databaseCheck(db.prisma),
    migrations: migrationsCheck(db.prisma, overrides.migrationsDir ?? findMigrationsDir()),
    redis: redisCheck(overrides.redisUrl ?? REDIS_URL),
    collab: httpCheck(overrides.collabUrl ?? dependencyUrl),
  });

  it("is ready when the database answers, every migration is applied, Redis and collab answer", async () => {
    const readiness = await checkReadiness(all());
    expect(readiness).toEqual({
      ready: true,
      checks: { database: "ok", migrations: "ok", redis: "ok", collab: "ok" },
    });
    expect(readinessBody(readiness)).toEqual({ status: "ready", checks: readiness.checks });
  });

  it("names Redis when nothing answers on its port, without the driver's text", async () => {
    const closedPort = await freePort();
    const failures: string[] = [];
    const readiness = await checkReadiness(
      all({ redisUrl: `redis://:hunter2@127.0.0.1:${closedPort}` }),
      { onFailure: (name) => failures.push(name) },
    );
    expect(readiness.ready).toBe(false);
    expect(readiness.checks).toMatchObject({ database: "ok", redis: "unavailable" });
    expect(readinessBody(readiness)).toMatchObject({ status: "not ready", failed: ["redis"] });
    expect(JSON.stringify(readiness)).not.toMatch(/ECONNREFUSED|hunter2|127\.0\.0\.1/);
    expect(failures).toEqual(["redis"]);
  });

  it("names collab when it answers an error or does not answer", async () => {
    dependencyStatus = 503;
    const failing = await checkReadiness(all());
    dependencyStatus = 200;
    expect(failing.checks.collab).toBe("answered 503");
    const gone = await checkReadiness(
      all({ collabUrl: `http://127.0.0.1:${await freePort()}/health` }),
    );
    expect(gone).toMatchObject({ ready: false, checks: { collab: "unavailable", database: "ok" } });
  });

  it("names migrations when the code has a migration the database lacks", async () => {
    const { mkdtempSync, mkdirSync, cpSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "conductor-migrations-"));
    cpSync(findMigrationsDir()!, dir, { recursive: true });
    mkdirSync(join(dir, "29991231000000_from_the_future"));
    const readiness = await checkReadiness(all({ migrationsDir: dir }));
    expect(readiness).toMatchObject({
      ready: false,
      checks: { migrations: "1 migration(s) not applied: run the migrate command", database: "ok" },
    });
  });

  it("names the database when it is closed", async () => {
    const closed = await createTestDatabase();
    await closed.close();
    const readiness = await checkReadiness({
      database: databaseCheck(closed.prisma),
      migrations: migrationsCheck(closed.prisma, findMigrationsDir()),
    });
    expect(readiness.ready).toBe(false);
    // A closed PGlite either refuses at once or never answers: both name the database.
    expect(["unavailable", "no answer within 2000 ms"]).toContain(readiness.checks.database);
    expect(readinessBody(readiness)).toMatchObject({ failed: ["database", "migrations"] });
  });
});

describe("metrics port", () => {
  it("serves GET /metrics in Prometheus' format and nothing else", async () => {
    const port = await freePort();
    const server = await serveMetrics(port);
    try {
      metrics().queueDepth.set({ queue: "reminders" }, 3);
      metrics().importRowsPerSecond.set({ kind: "calls" }, 41_000);
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/plain");
      const text = await response.text();
      expect(text).toContain('conductor_queue_depth{queue="reminders"} 3');
      expect(text).toContain('conductor_import_rows_per_second{kind="calls"} 41000');
      expect(text).toContain("process_cpu_seconds_total");
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/metrics`, { method: "POST" })).status).toBe(
        404,
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("reads METRICS_PORT: unset or empty is off, anything but a port is refused by name", () => {
    expect(metricsPortFrom(undefined)).toBeUndefined();
    expect(metricsPortFrom("")).toBeUndefined();
    expect(metricsPortFrom("9464")).toBe(9464);
    expect(() => metricsPortFrom("70000")).toThrow(/METRICS_PORT must be a port number/);
    expect(() => metricsPortFrom("abc")).toThrow(/METRICS_PORT/);
  });
});
