import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseTarget } from "@conductor/db";
import pg from "pg";

export const PG_SERVER = process.env.BENCH_PG_SERVER ?? "postgres://postgres@127.0.0.1:5432";

type Kind = "pglite" | "postgres";
type Part = (name: string, target: DatabaseTarget) => Promise<void>;

/**
 * Runs one part of a benchmark on a throwaway embedded database and on a
 * throwaway database on the PostgreSQL server, each dropped afterwards.
 * BENCH_ONLY=pglite or =postgres measures one of them (while tuning it). A
 * server that cannot be reached is reported, not fatal.
 */
export async function onEachDatabase(
  label: string,
  part: Part,
  order: readonly Kind[] = ["pglite", "postgres"],
) {
  const only = process.env.BENCH_ONLY;
  for (const kind of order) {
    if (only && only !== kind) continue;
    if (kind === "pglite") await onPglite(label, part);
    else await onPostgres(label, part);
  }
}

async function onPglite(label: string, part: Part) {
  const dir = await mkdtemp(join(tmpdir(), `conductor-${label}-`));
  try {
    await part("PGlite", { kind: "pglite", dataDir: join(dir, "pglite") });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function onPostgres(label: string, part: Part) {
  const name = `bench_${label}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: `${PG_SERVER}/postgres` });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`PostgreSQL  not reachable at ${PG_SERVER}: ${(error as Error).message}`);
    return;
  }
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    await part("PostgreSQL", { kind: "postgres", url: `${PG_SERVER}/${name}` });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
    await admin.end().catch(() => {});
  }
}
