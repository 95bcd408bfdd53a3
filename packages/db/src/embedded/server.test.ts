import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../testing/ports";
import { type EmbeddedServer, serveEmbeddedDatabase } from "./server";

describe("the embedded database served on loopback", () => {
  let served: EmbeddedServer;
  beforeAll(async () => {
    served = await serveEmbeddedDatabase({
      dataDir: join(mkdtempSync(join(tmpdir(), "conductor-embedded-")), "pglite"),
      port: await freePort(),
      prepare: async (connection) => {
        await connection.pglite!.exec(
          "CREATE TABLE counter (id int PRIMARY KEY, n int NOT NULL); INSERT INTO counter VALUES (1, 0);",
        );
      },
    });
  });
  afterAll(() => served.stop());

  it("keeps each client's parameterised statements apart under concurrency", async () => {
    // Two processes' worth of pools (web and collab), extended protocol
    // (Parse/Bind/Execute/Sync) interleaving on one PGlite session.
    const pools = [0, 1].map(() => new pg.Pool({ connectionString: served.url, max: 8 }));
    const errors: string[] = [];
    await Promise.all(
      Array.from({ length: 400 }, async (_, i) => {
        const pool = pools[i % 2]!;
        try {
          // Different statements per pool, as web and collab send different queries.
          const sql =
            i % 2
              ? "SELECT $1::int AS n, $2::text AS label"
              : "SELECT $2::text AS label, $1::int + 0 AS n, now() AS at";
          const { rows } = await pool.query(sql, [i, `q${i}`]);
          if (rows[0].n !== i || rows[0].label !== `q${i}`) errors.push(`wrong row for ${i}`);
        } catch (error) {
          errors.push((error as Error).message);
        }
      }),
    );
    await Promise.all(pools.map((p) => p.end()));
    expect(errors).toEqual([]);
  });

  it("keeps a statement whole while another client's transaction starts and ends", async () => {
    const readers = new pg.Pool({ connectionString: served.url, max: 8 });
    const writers = new pg.Pool({ connectionString: served.url, max: 4 });
    const errors: string[] = [];
    const reads = Array.from({ length: 300 }, async (_, i) => {
      try {
        const { rows } = await readers.query("SELECT $1::int AS n, $2::text AS label", [
          i,
          `r${i}`,
        ]);
        if (rows[0].n !== i) errors.push(`wrong row for ${i}`);
      } catch (error) {
        errors.push((error as Error).message);
      }
    });
    const writes = Array.from({ length: 30 }, async () => {
      const client = await writers.connect();
      try {
        await client.query("BEGIN");
        await client.query("SELECT n, $1::text AS why FROM counter WHERE id = $2", ["lock", 1]);
        await client.query("UPDATE counter SET n = n + $1 WHERE id = $2", [0, 1]);
        await client.query("COMMIT");
      } catch (error) {
        errors.push((error as Error).message);
        await client.query("ROLLBACK").catch(() => {});
      } finally {
        client.release();
      }
    });
    await Promise.all([...reads, ...writes]);
    await Promise.all([readers.end(), writers.end()]);
    expect(errors).toEqual([]);
  });

  it("isolates transactions: concurrent increments are not lost", async () => {
    const pools = [0, 1].map(() => new pg.Pool({ connectionString: served.url, max: 4 }));
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const client = await pools[i % 2]!.connect();
        try {
          await client.query("BEGIN");
          const { rows } = await client.query("SELECT n FROM counter WHERE id = $1", [1]);
          await client.query("UPDATE counter SET n = $1 WHERE id = $2", [rows[0].n + 1, 1]);
          await client.query("COMMIT");
        } finally {
          client.release();
        }
      }),
    );
    const check = new pg.Client({ connectionString: served.url });
    await check.connect();
    const { rows } = await check.query("SELECT n FROM counter WHERE id = 1");
    await check.end();
    await Promise.all(pools.map((p) => p.end()));
    expect(rows[0].n).toBe(40);
  });
});
