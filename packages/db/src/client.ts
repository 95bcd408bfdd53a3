import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { registerConnection } from "./copy";
import { lockDataDir } from "./data-dir-lock";
import { readDatabaseEnv } from "./env";
import { PrismaClient } from "./generated/prisma/client";

export type Database = PrismaClient;

/** Where the data lives: embedded PGlite (on disk or in memory) or a PostgreSQL server. */
export type DatabaseTarget =
  | {
      kind: "pglite";
      dataDir: string | null /** start from a dumped data folder (tests) */;
      loadDataDir?: Blob;
    }
  | { kind: "postgres"; url: string };

/** An open connection: the driver adapter factory (for migrations) and a way to close it. */
export interface DatabaseConnection {
  target: DatabaseTarget;
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** The embedded database, when the target is PGlite. */
  pglite: PGlite | null;
  /** The pool Prisma draws from, when the target is a PostgreSQL server (bulk COPY uses it). */
  pool: pg.Pool | null;
  close(): Promise<void>;
}

/** No DATABASE_URL → embedded PGlite under the data folder; otherwise PostgreSQL. */
export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const { databaseUrl, dataDir } = readDatabaseEnv(env);
  if (databaseUrl) return { kind: "postgres", url: databaseUrl };
  return { kind: "pglite", dataDir: join(dataDir, "pglite") };
}

export async function openConnection(target: DatabaseTarget): Promise<DatabaseConnection> {
  if (target.kind === "postgres") {
    // We own the pool so close() really releases every connection.
    const pool = new pg.Pool({ connectionString: target.url, max: 20 });
    // An idle connection the server ends (restart, failover, a dropped test
    // database) must not crash the process; the pool replaces it on next use.
    pool.on("error", (error) => {
      console.warn(`database: an idle connection was closed by the server (${error.message})`);
    });
    const adapterFactory = new PrismaPg(pool);
    return { target, adapterFactory, pglite: null, pool, close: () => pool.end() };
  }
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  const unlock = target.dataDir ? lockDataDir(target.dataDir) : () => {};
  let pglite: PGlite;
  try {
    pglite = new PGlite({
      ...(target.dataDir ? { dataDir: target.dataDir } : {}),
      ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
    });
    await pglite.waitReady;
  } catch (error) {
    unlock();
    throw error;
  }
  return {
    target,
    adapterFactory: new PrismaPGlite(pglite),
    pglite,
    pool: null,
    close: async () => {
      try {
        await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}

export interface OpenDatabase {
  prisma: Database;
  connection: DatabaseConnection;
  close(): Promise<void>;
}

/** The one place a Prisma client is built, so every caller gets the same behaviour. */
export async function openDatabase(
  target: DatabaseTarget = targetFromEnv(),
): Promise<OpenDatabase> {
  const connection = await openConnection(target);
  const prisma = new PrismaClient({
    adapter: connection.adapterFactory,
    // A burst of writes larger than the pool (50 submissions at once against
    // 20 connections, each transaction holding its connection while it
    // takes its turn on the organisation's audit trail) queues for a
    // connection; Prisma's default 2 s wait failed 20 of those 50 on a busy
    // machine. A request waiting longer than this is still answered with an
    // error rather than piling up without end.
    transactionOptions: { maxWait: 10_000 },
  });
  registerConnection(prisma, connection);
  return {
    prisma,
    connection,
    close: async () => {
      await prisma.$disconnect();
      await connection.close();
    },
  };
}
