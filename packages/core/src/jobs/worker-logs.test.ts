import { Writable } from "node:stream";
import { openDatabase } from "@conductor/db";
import { servePGlite } from "@conductor/db/embedded";
import { freePort } from "@conductor/db/testing";
import { createLogger } from "@conductor/ops";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { loggableError, startWorker } from "./worker";

const PASSWORD = "hunter2-do-not-log";

describe("what the worker logs when the database goes away", () => {
  it("a pg-style error keeps its message and code, not its connection parameters", () => {
    // The shape `pg` gives a connection fault: the client's parameters ride along.
    const fault = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
      code: "ECONNREFUSED",
      client: { connectionParameters: { password: PASSWORD, host: "db" } },
      connectionString: `postgres://conductor:${PASSWORD}@db:5432/conductor`,
    });
    expect(loggableError(fault)).toEqual({
      name: "Error",
      code: "ECONNREFUSED",
      message: "connect ECONNREFUSED 127.0.0.1:5432",
    });
    const quoting = new Error(`cannot reach postgres://conductor:${PASSWORD}@db:5432/x`);
    expect(loggableError(quoting).message).toBe("cannot reach postgres://…@db:5432/x");
    expect(loggableError("plain text")).toEqual({ name: "Error", message: "plain text" });
    // As pg-boss passes on a worker's fault: the error's fields spread into a plain object.
    expect(
      loggableError({ ...fault, message: fault.message, stack: "…", queue: "mail-deliver" }),
    ).toEqual({
      name: "Error",
      code: "ECONNREFUSED",
      queue: "mail-deliver",
      message: "connect ECONNREFUSED 127.0.0.1:5432",
    });
  });

  it("logs the faults of a database that stopped first as JSON lines without the URL's password", async () => {
    // An empty database of its own (the queue makes its tables): stopping it
    // must not disturb the other tests' database.
    const pglite = new PGlite();
    const served = await servePGlite(pglite, { port: await freePort() });
    const url = new URL(served.url);
    url.password = PASSWORD;
    const lines: string[] = [];
    const logger = createLogger({
      service: "worker",
      destination: new Writable({
        write(chunk, _encoding, done) {
          lines.push(...String(chunk).split("\n").filter(Boolean));
          done();
        },
      }),
    });
    const db = await openDatabase({ kind: "postgres", url: url.toString() });
    const worker = await startWorker({
      databaseUrl: url.toString(),
      db: db.prisma,
      mail: { appUrl: "https://conductor.example", smtpUrl: null, from: "x@y.z", authSecret: "s" },
      transport: null,
      // The relay's first pass has no app tables to read here; what matters
      // is what comes after the database stops.
      relayEveryMs: 60_000,
      logger,
    });
    const before = lines.length;
    await served.stop();
    await pglite.close();
    try {
      await expect
        .poll(() => lines.slice(before).length, { timeout: 30_000, interval: 100 })
        .toBeGreaterThan(0);
    } finally {
      await worker.stop().catch(() => {});
      await db.close().catch(() => {});
    }
    for (const line of lines) {
      expect(line).not.toContain(PASSWORD);
      const entry = JSON.parse(line) as { service: string; level: string; fault?: object };
      expect(entry.service).toBe("worker");
      // Only the three fields loggableError keeps, whatever the fault carried.
      for (const key of Object.keys(entry.fault ?? {}))
        expect(["code", "message", "name", "queue"]).toContain(key);
    }
    const faults = lines
      .slice(before)
      .map((line) => JSON.parse(line) as { level: string; fault?: { message: string } });
    expect(faults[0]).toMatchObject({ level: "error", fault: { message: expect.any(String) } });
    // A sentence from the driver, not an object printed as text.
    expect(faults[0]!.fault!.message).not.toMatch(/object Object|without a message/);
  }, 90_000);
});
