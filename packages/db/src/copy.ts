import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFromStdin } from "pg-copy-streams";
import type { DatabaseConnection } from "./client";
import type { PrismaClient } from "./generated/prisma/client";

/**
 * Bulk loading through COPY, which Prisma cannot speak: the rows go over
 * the connection a Prisma client was opened on, outside its transactions.
 *
 * - PostgreSQL server: `COPY … FROM STDIN` on a connection of the same pool,
 *   streamed (pg-copy-streams), so the server parses while we produce.
 * - PGlite in this process: its own COPY, `FROM '/dev/blob'`, fed a Blob a
 *   slice at a time (it takes the whole blob at once).
 * - PGlite served over a socket (`npm start`'s embedded database): its wire
 *   protocol has no COPY sub-protocol (the connection is lost), so there is
 *   no route and the caller writes statements instead.
 */
export type CopyRoute = "stdin" | "blob";

const connections = new WeakMap<PrismaClient, DatabaseConnection>();
const routes = new WeakMap<DatabaseConnection, Promise<CopyRoute | null>>();

/** Called by openDatabase: which connection a client was opened on. */
export function registerConnection(prisma: PrismaClient, connection: DatabaseConnection) {
  connections.set(prisma, connection);
}

/** How rows can be copied into a table of this client's database, or null (write statements). */
export function copyRoute(prisma: PrismaClient): Promise<CopyRoute | null> {
  const connection = connections.get(prisma);
  if (!connection) return Promise.resolve(null);
  let route = routes.get(connection);
  if (!route) {
    route = findRoute(connection);
    routes.set(connection, route);
  }
  return route;
}

async function findRoute(connection: DatabaseConnection): Promise<CopyRoute | null> {
  if (connection.pglite) return "blob";
  if (!connection.pool) return null;
  const { rows } = await connection.pool.query<{ version: string }>("SELECT version()");
  return rows[0]?.version.includes("PGlite") ? null : "stdin";
}

/** Bytes of rows handed to PGlite per COPY: bounds what is held in memory at once. */
const BLOB_BYTES = 8 * 1024 * 1024;

/**
 * Copies rows in COPY's text format (tab-separated, one row per line,
 * backslashes escaped by the caller) into `table (columns)`. The source is
 * read once; if it throws, the copy is abandoned and the error rethrown.
 * Autocommitted: copy into a table of your own (a staging table), never
 * into data others read.
 */
export async function copyRows(
  prisma: PrismaClient,
  table: string,
  columns: readonly string[],
  source: AsyncIterable<string>,
): Promise<void> {
  const route = await copyRoute(prisma);
  const connection = connections.get(prisma);
  if (!route || !connection) throw new Error("This database has no COPY route: write statements");
  const target = `${quoteIdentifier(table)} (${columns.map(quoteIdentifier).join(", ")})`;
  if (route === "stdin") {
    const client = await connection.pool!.connect();
    let failure: Error | undefined;
    try {
      await pipeline(
        Readable.from(source),
        client.query(copyFromStdin(`COPY ${target} FROM STDIN`)),
      );
    } catch (error) {
      failure = error as Error;
      throw error;
    } finally {
      // A connection whose copy was cut off is not handed to anyone else.
      client.release(failure);
    }
    return;
  }
  const pglite = connection.pglite!;
  let parts: string[] = [];
  let bytes = 0;
  const flush = async () => {
    if (!parts.length) return;
    const blob = new Blob(parts);
    parts = [];
    bytes = 0;
    await pglite.query(`COPY ${target} FROM '/dev/blob'`, [], { blob });
  };
  for await (const text of source) {
    parts.push(text);
    bytes += text.length;
    if (bytes >= BLOB_BYTES) await flush();
  }
  await flush();
}

function quoteIdentifier(name: string) {
  return `"${name.replaceAll('"', '""')}"`;
}
