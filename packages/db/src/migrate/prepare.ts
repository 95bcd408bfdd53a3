// What `npm start` runs before serving: apply pending migrations, then seed
// the demo organisation if it is not there. One process, so PGlite opens once.
import { openDatabase, targetFromEnv } from "../client";
import { seedDemoOrganization } from "../seed/demo";
import { applyMigrations } from "./migrations";

const target = targetFromEnv();
const db = await openDatabase(target);
try {
  const applied = await applyMigrations(db.connection);
  console.log(applied.length ? `database: applied ${applied.join(", ")}` : "database: up to date");
  if (process.argv.includes("--seed-demo")) {
    const seeded = await seedDemoOrganization(db.prisma);
    console.log(
      seeded
        ? "database: seeded the demo organisation Harbour Energy"
        : "database: demo organisation present",
    );
  }
} finally {
  await db.close();
}
