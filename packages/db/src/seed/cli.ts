// Seeds the demo organisation into the configured database (idempotent).
import { openDatabase } from "../client";
import { seedDemoOrganization } from "./demo";

const db = await openDatabase();
try {
  const result = await seedDemoOrganization(db.prisma);
  console.log(
    result ? "seeded the demo organisation Harbour Energy" : "demo organisation already present",
  );
} finally {
  await db.close();
}
