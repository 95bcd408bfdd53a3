import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import IORedis from "ioredis";
import { requestIdHeaders } from "./request-id";

/** One dependency's check: resolves when it is usable, throws a short reason when not. */
export type Check = () => Promise<void>;

export interface Readiness {
  ready: boolean;
  /** Every check by name: "ok", or the reason it failed (never internal error text). */
  checks: Record<string, string>;
}

/** A reason a check may show the world: a sentence it wrote, never a driver's error text. */
export class NotReady extends Error {}

const withTimeout = (check: Check, ms: number) =>
  Promise.race([
    check(),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new NotReady(`no answer within ${ms} ms`)), ms).unref(),
    ),
  ]);

/**
 * Runs every check at once, each bounded by `timeoutMs`. A check's failure
 * shows as its NotReady sentence or "unavailable": the reason stays in the
 * process's log, not in an answer anyone can fetch.
 */
export async function checkReadiness(
  checks: Record<string, Check>,
  {
    timeoutMs = 2000,
    onFailure,
  }: { timeoutMs?: number; onFailure?: (name: string, error: unknown) => void } = {},
): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await withTimeout(check, timeoutMs);
        return [name, "ok"] as const;
      } catch (error) {
        onFailure?.(name, error);
        return [name, error instanceof NotReady ? error.message : "unavailable"] as const;
      }
    }),
  );
  const result = Object.fromEntries(entries);
  return { ready: entries.every(([, status]) => status === "ok"), checks: result };
}

/** What the checks need of a Prisma client (kept structural: this package does not import db). */
export interface RawQueries {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

export const databaseCheck =
  (db: RawQueries): Check =>
  async () => {
    await db.$queryRawUnsafe("SELECT 1");
  };

/**
 * The migration folders this code was built with, found from `from` upwards
 * (packages/db/prisma/migrations in the checkout or image).
 */
export function findMigrationsDir(from = process.cwd()): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, "packages", "db", "prisma", "migrations");
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Every migration folder is recorded as finished (and not rolled back) in
 * Prisma's `_prisma_migrations`: the schema this code expects is in place.
 */
export const migrationsCheck =
  (db: RawQueries, migrationsDir: string | undefined): Check =>
  async () => {
    if (!migrationsDir) throw new NotReady("migration folders not found");
    const expected = readdirSync(migrationsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    let rows: { migration_name: string }[];
    try {
      rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
        "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
      );
    } catch {
      throw new NotReady("no migrations applied");
    }
    const applied = new Set(rows.map((row) => row.migration_name));
    const pending = expected.filter((name) => !applied.has(name));
    if (pending.length > 0)
      throw new NotReady(`${pending.length} migration(s) not applied: run the migrate command`);
  };

/** Redis answers PING (a connection made for the check and closed after). */
export const redisCheck =
  (url: string): Check =>
  async () => {
    const client = new IORedis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
      connectTimeout: 1500,
    });
    client.on("error", () => {}); // the failed PING below is the report
    try {
      await client.connect();
      if ((await client.ping()) !== "PONG") throw new NotReady("did not answer PING");
    } finally {
      client.disconnect();
    }
  };

/** An HTTP dependency answers 2xx at `url` (the current request id goes along). */
export const httpCheck =
  (url: string): Check =>
  async () => {
    const response = await fetch(url, {
      headers: requestIdHeaders(),
      signal: AbortSignal.timeout(1500),
    });
    await response.body?.cancel();
    if (!response.ok) throw new NotReady(`answered ${response.status}`);
  };

/** The JSON answer of a readiness route: 200 when ready, else 503 naming what failed. */
export function readinessBody(readiness: Readiness) {
  return {
    status: readiness.ready ? "ready" : "not ready",
    checks: readiness.checks,
    ...(readiness.ready
      ? {}
      : {
          failed: Object.entries(readiness.checks)
            .filter(([, status]) => status !== "ok")
            .map(([name]) => name),
        }),
  };
}
