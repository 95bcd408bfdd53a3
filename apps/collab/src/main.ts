// The collaboration server's own process: `tsx src/main.ts`.
// Database from DATABASE_URL, or embedded PGlite under CONDUCTOR_DATA_DIR.
import { openDatabase } from "@conductor/db";
import { readCollabEnv } from "./env";
import { createCollabServer } from "./server";

const env = readCollabEnv();
const db = await openDatabase();
const server = createCollabServer({
  db: db.prisma,
  secret: env.COLLAB_SECRET,
  port: env.COLLAB_PORT,
  address: env.COLLAB_ADDRESS,
});
await server.listen();
console.log(`collab: listening on ws://${env.COLLAB_ADDRESS}:${env.COLLAB_PORT}`);

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
