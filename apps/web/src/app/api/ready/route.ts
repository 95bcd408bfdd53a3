import {
  checkReadiness,
  databaseCheck,
  findMigrationsDir,
  httpCheck,
  log,
  migrationsCheck,
  readinessBody,
  redisCheck,
} from "@conductor/ops";
import { webEnv } from "~/env";
import { getDb } from "~/server/db";

// Readiness for load balancers and orchestrators: this process can serve
// real requests. 503 names the dependency that failed; why it failed stays
// in this process's log (no driver text, host or secret in the answer).
export const dynamic = "force-dynamic";

const migrationsDir = findMigrationsDir();

export async function GET() {
  const env = webEnv();
  const db = await getDb();
  const readiness = await checkReadiness(
    {
      database: databaseCheck(db),
      migrations: migrationsCheck(db, migrationsDir),
      ...(env.live.redisUrl ? { redis: redisCheck(env.live.redisUrl) } : {}),
      // Reachable, not ready: collab's own readiness repeats the database checks above.
      collab: httpCheck(new URL("/health", env.collab.internalUrl).toString()),
    },
    {
      onFailure: (check, error) =>
        log("web").warn(
          { check, reason: error instanceof Error ? error.message : String(error) },
          "not ready",
        ),
    },
  );
  return Response.json(readinessBody(readiness), {
    status: readiness.ready ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
