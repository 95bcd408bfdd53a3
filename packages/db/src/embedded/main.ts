// The embedded database's own process under `npm start`: opens PGlite in the
// data folder (holding its lock), applies migrations, seeds the demo
// organisation with --seed-demo, then serves it on loopback for the web app
// and the collaboration server. Logs JSON lines like web, collab and the
// worker; the line `database: ready` carries the `url` start.mjs reads.
import { join } from "node:path";
import { pino } from "pino";
import { readDatabaseEnv } from "../env";
import { PrismaClient } from "../generated/prisma/client";
import { applyMigrations } from "../migrate/migrations";
import { seedDemoOrganization } from "../seed/demo";
import { serveEmbeddedDatabase } from "./server";

// pino as @conductor/ops sets it up (service, ISO time, level by name). Not
// ops's logger itself: ops's tests use this package, and a package cycle is
// what turbo refuses. Nothing logged here is secret (migration names, a
// loopback URL without a password) or anyone's text.
const log = pino(
  {
    level: process.env.LOG_LEVEL ?? "info",
    base: { service: "database" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  },
  pino.destination({ dest: 1, sync: true }),
);

const port = Number(process.env.CONDUCTOR_DB_PORT ?? 5433);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  log.fatal(`CONDUCTOR_DB_PORT must be a port number, got "${process.env.CONDUCTOR_DB_PORT}"`);
  process.exit(1);
}
const { dataDir } = readDatabaseEnv();

const server = await serveEmbeddedDatabase({
  dataDir: join(dataDir, "pglite"),
  port,
  prepare: async (connection) => {
    const applied = await applyMigrations(connection);
    log.info(applied.length ? `database: applied ${applied.join(", ")}` : "database: up to date");
    if (process.argv.includes("--seed-demo")) {
      const prisma = new PrismaClient({ adapter: connection.adapterFactory });
      const seeded = await seedDemoOrganization(prisma);
      log.info(
        seeded
          ? "database: seeded the demo organisation Harbour Energy"
          : "database: demo organisation present",
      );
    }
  },
});
log.info({ url: server.url }, "database: ready");

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    log.info("database: stopped");
    process.exit(0);
  });
}
