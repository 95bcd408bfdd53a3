import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openConnection } from "../client";
import { applyMigrations } from "../migrate";

/**
 * What every test database is copied from, made once per test run:
 * a migrated PGlite data folder dumped to a file, or a migrated PostgreSQL
 * template database on the server named by DATABASE_URL.
 */
export type TestTemplate =
  | { kind: "pglite"; dumpPath: string }
  | { kind: "postgres"; serverUrl: string; templateName: string };

export function serverUrlFor(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function withServer<T>(
  url: string,
  run: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrlFor(url, "postgres") });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createTestTemplate(databaseUrl: string | undefined): Promise<TestTemplate> {
  if (databaseUrl) {
    const base = new URL(databaseUrl).pathname.slice(1) || "conductor";
    const templateName = `${base}_tpl_${process.pid}`.toLowerCase();
    await withServer(databaseUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${templateName}"`);
      await client.query(`CREATE DATABASE "${templateName}"`);
    });
    const connection = await openConnection({
      kind: "postgres",
      url: serverUrlFor(databaseUrl, templateName),
    });
    try {
      await applyMigrations(connection);
    } finally {
      await connection.close();
    }
    return { kind: "postgres", serverUrl: databaseUrl, templateName };
  }
  const connection = await openConnection({ kind: "pglite", dataDir: null });
  try {
    await applyMigrations(connection);
    const dump = await connection.pglite!.dumpDataDir("none");
    const dumpPath = join(tmpdir(), `conductor-test-template-${process.pid}.tar`);
    await writeFile(dumpPath, Buffer.from(await dump.arrayBuffer()));
    return { kind: "pglite", dumpPath };
  } finally {
    await connection.close();
  }
}

export async function dropTestTemplate(template: TestTemplate): Promise<void> {
  if (template.kind === "postgres") {
    await withServer(template.serverUrl, (client) =>
      client.query(`DROP DATABASE IF EXISTS "${template.templateName}" WITH (FORCE)`),
    );
  }
}
