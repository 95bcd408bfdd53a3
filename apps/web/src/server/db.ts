import "server-only";
import { type Database, openDatabase } from "@conductor/db";

const holder = globalThis as unknown as { conductorDatabase?: Promise<Database> };

/** One database client per server process (embedded PGlite allows only one). */
export function getDb(): Promise<Database> {
  holder.conductorDatabase ??= openDatabase().then((db) => db.prisma);
  return holder.conductorDatabase;
}
