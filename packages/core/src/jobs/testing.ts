// Test set-up shared by the suites that run the job worker (or several
// database clients) against one test database.
import { type Database, openDatabase } from "@conductor/db";
import { servePGlite } from "@conductor/db/embedded";
import { createTestDatabase, freePort } from "@conductor/db/testing";

/**
 * A test database every client reaches by URL, as under `npm start`: PGlite
 * through the socket server (this test's own client included), PostgreSQL
 * as it is. Each step's undoing goes onto `closers`, first to run first.
 */
export async function databaseForWorkers(
  closers: (() => Promise<unknown>)[],
): Promise<{ url: string; db: Database }> {
  const test = await createTestDatabase();
  closers.push(() => test.close());
  if (test.connection.pglite) {
    const served = await servePGlite(test.connection.pglite, { port: await freePort() });
    closers.unshift(() => served.stop());
    const client = await openDatabase({ kind: "postgres", url: served.url });
    closers.unshift(() => client.close());
    return { url: served.url, db: client.prisma };
  }
  if (test.connection.target.kind !== "postgres") throw new Error("unexpected target");
  return { url: test.connection.target.url, db: test.prisma };
}

/** Polls until `check` holds (the queue works on its own clock); fails with what it last saw. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  ms = 45_000,
) {
  const until = Date.now() + ms;
  let value = await read();
  while (!check(value)) {
    if (Date.now() > until) throw new Error(`still not there: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 200));
    value = await read();
  }
  return value;
}
