import type { Database } from "@conductor/db";
import type { Actor } from "./actor";

/** What every use case receives: the database and who is asking. */
export interface UseCaseContext {
  db: Database;
  actor: Actor | null;
}
