// The embedded database's own process under `npm start`: opens PGlite in the
// data folder (holding its lock), applies migrations, seeds the demo
// organisation with --seed-demo, then serves it on loopback for the web app
// and the collaboration server. Prints "database: ready <url>" when serving.
import { join } from "node:path";
import { readDatabaseEnv } from "../env";
import { PrismaClient } from "../generated/prisma/client";
import { applyMigrations } from "../migrate/migrations";
import { seedDemoOrganization } from "../seed/demo";
import { serveEmbeddedDatabase } from "./server";

const port = Number(process.env.CONDUCTOR_DB_PORT ?? 5433);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`CONDUCTOR_DB_PORT must be a port number, got "${process.env.CONDUCTOR_DB_PORT}"`);
  process.exit(1);
}
const { dataDir } = readDatabaseEnv();

const server = await serveEmbeddedDatabase({
  dataDir: join(dataDir, "pglite"),
  port,
  prepare: async (connection) => {
    const applied = await applyMigrations(connection);
    console.log(
      applied.length ? `database: applied ${applied.join(", ")}` : "database: up to date",
    );
    if (process.argv.includes("--seed-demo")) {
      const prisma = new PrismaClient({ adapter: connection.adapterFactory });
      const seeded = await seedDemoOrganization(prisma);
      console.log(
        seeded
          ? "database: seeded the demo organisation Harbour Energy"
          : "database: demo organisation present",
      );
    }
  },
});
console.log(`database: ready ${server.url}`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  });
}
