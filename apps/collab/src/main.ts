// The collaboration server's own process: `node --import tsx src/main.ts`.
// Database from DATABASE_URL (under `npm start` that is the embedded
// database's loopback server), or embedded PGlite under CONDUCTOR_DATA_DIR.
import { openDatabase } from "@conductor/db";
import { readCollabEnv } from "./env";
import { createCollabServer } from "./server";

const env = readCollabEnv();
const db = await openDatabase();
const server = createCollabServer({
  db: db.prisma,
  secret: env.secret,
  port: env.port,
  address: env.address,
  redisUrl: env.redisUrl,
  redisPrefix: env.redisPrefix,
});
await server.listen();
// Where the socket is bound, not what was asked for (they once differed).
const bound = server.httpServer.address() as { address: string; family: string; port: number };
const host = bound.family === "IPv6" ? `[${bound.address}]` : bound.address;
console.log(
  `collab: listening on ws://${host}:${bound.port}${env.redisUrl ? " (sharing documents through Redis)" : ""}`,
);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    // destroy() stores every loaded document before the connections close.
    await server.destroy();
    await db.close();
    process.exit(0);
  });
}
