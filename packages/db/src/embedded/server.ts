import type { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { type DatabaseConnection, openConnection } from "../client";
import { SessionQueue } from "./session-queue";

export interface EmbeddedServer {
  /** postgres:// URL that web and collab processes connect to. */
  url: string;
  connection: DatabaseConnection;
  stop(): Promise<void>;
}

/**
 * Serves the embedded PGlite database over the PostgreSQL wire protocol on
 * loopback, so the web app and the collaboration server — two processes —
 * share one embedded database. PGlite is single-session: statements are
 * queued, and a client's extended-protocol exchange or transaction runs
 * without anyone else's messages in between (SessionQueue).
 */
export async function serveEmbeddedDatabase(options: {
  dataDir: string;
  port: number;
  host?: string;
  /** Called with the open connection before clients are let in (migrations, seed). */
  prepare?: (connection: DatabaseConnection) => Promise<void>;
}): Promise<EmbeddedServer> {
  const host = options.host ?? "127.0.0.1";
  const connection = await openConnection({ kind: "pglite", dataDir: options.dataDir });
  try {
    await options.prepare?.(connection);
    const served = await servePGlite(connection.pglite!, { host, port: options.port });
    return {
      url: served.url,
      connection,
      stop: async () => {
        await served.stop();
        await connection.close();
      },
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

/**
 * Serves an open PGlite on loopback (the embedded database's process, and
 * tests that need a postgres:// URL for a separate client such as the job
 * queue). Every client, the caller's own included, must then go through the
 * socket: only there are sessions kept apart.
 */
export async function servePGlite(
  pglite: PGlite,
  options: { host?: string; port: number },
): Promise<{ url: string; stop(): Promise<void> }> {
  const host = options.host ?? "127.0.0.1";
  const server = new PGLiteSocketServer({
    db: pglite,
    host,
    port: options.port,
    // Web and collab each keep a pool; statements are still run one at a time.
    maxConnections: 64,
  });
  // See session-queue.ts: keeps each client's statements and transactions whole.
  (server as unknown as { queryQueue: SessionQueue }).queryQueue = new SessionQueue(pglite);
  await server.start();
  return {
    url: `postgres://postgres@${host}:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}
