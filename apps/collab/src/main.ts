// The collaboration server's own process: `node --import tsx src/main.ts`.
// Database from DATABASE_URL (under `npm start` that is the embedded
// database's loopback server), or embedded PGlite under CONDUCTOR_DATA_DIR.
// Logs are JSON lines on stdout; METRICS_PORT, when set, serves /metrics.
import { openDatabase } from "@conductor/db";
import { log, metricsPortFrom, serveMetrics } from "@conductor/ops";
import { readCollabEnv } from "./env";
import { createCollabServer } from "./server";

const logger = log("collab");
const env = readCollabEnv();
const metricsPort = metricsPortFrom(process.env.METRICS_PORT);
const db = await openDatabase();
const server = createCollabServer({
  db: db.prisma,
  secret: env.secret,
  port: env.port,
  address: env.address,
  redisUrl: env.redisUrl,
  redisPrefix: env.redisPrefix,
  debounce: env.debounce,
  maxDebounce: env.maxDebounce,
});
await server.listen();
if (metricsPort) await serveMetrics(metricsPort, process.env.METRICS_ADDRESS ?? "127.0.0.1");
// Where the socket is bound, not what was asked for (they once differed).
const bound = server.httpServer.address() as { address: string; family: string; port: number };
const host = bound.family === "IPv6" ? `[${bound.address}]` : bound.address;
logger.info(
  { redis: Boolean(env.redisUrl), metricsPort: metricsPort ?? null },
  `collab: listening on ws://${host}:${bound.port}${env.redisUrl ? " (sharing documents through Redis)" : ""}`,
);

/** A store that never finishes must not keep a stopping process forever. */
const SHUTDOWN_LIMIT_MS = 25_000;
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    const documents = server.hocuspocus.getDocumentsCount();
    logger.info({ signal, documents }, "collab: stopping; storing every loaded document");
    setTimeout(() => {
      logger.error(
        { documents: server.hocuspocus.getDocumentsCount() },
        "collab: stores still running; exiting",
      );
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    // destroy() closes every connection, runs each document's pending
    // (debounced) store at once and resolves when the last one is unloaded.
    await server.destroy();
    await db.close();
    logger.info({ documents }, "collab: stopped; every document stored");
    process.exit(0);
  });
}
