import { ACCESS_CHANGED_PATH, REVIEW_CHANGED_PATH } from "@conductor/core";
import type { Database } from "@conductor/db";
import {
  checkReadiness,
  databaseCheck,
  findMigrationsDir,
  log,
  migrationsCheck,
  observeHttpRequest,
  readinessBody,
  redisCheck,
  reportCollabLoad,
} from "@conductor/ops";
import type { Extension, onRequestPayload } from "@hocuspocus/server";

export const HEALTH_PATH = "/health";
export const READY_PATH = "/ready";

/**
 * The collab process as a service: `GET /health` (the process answers) and
 * `GET /ready` (its database, migrations and, when configured, Redis), each
 * logged with its request id; and its load (connections, documents) for the
 * metrics port.
 */
export function operations(options: { db: Database; redisUrl?: string }): Extension {
  const logger = log("collab");
  const migrationsDir = findMigrationsDir(import.meta.dirname);
  return {
    async onConfigure({ instance }) {
      reportCollabLoad(() => ({
        connections: instance.getConnectionsCount(),
        documents: instance.getDocumentsCount(),
      }));
    },

    async onRequest({ request, response }: onRequestPayload) {
      const path = new URL(request.url ?? "/", "http://collab").pathname;
      // access-signals.ts answers these
      if (path === ACCESS_CHANGED_PATH || path === REVIEW_CHANGED_PATH) return;
      if (path !== HEALTH_PATH && path !== READY_PATH) {
        // Not Hocuspocus' welcome page: a scraper or a probe sent to the wrong
        // place should learn that nothing is here.
        response.writeHead(404, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: "Not found" }));
        throw null;
      }
      await observeHttpRequest("collab", logger, request, response, async () => {
        const reply = (status: number, body: unknown) =>
          response
            .writeHead(status, { "content-type": "application/json", "cache-control": "no-store" })
            .end(JSON.stringify(body));
        if (request.method !== "GET" && request.method !== "HEAD")
          reply(405, { error: "GET only" });
        else if (path === HEALTH_PATH) reply(200, { status: "ok" });
        else {
          const readiness = await checkReadiness(
            {
              database: databaseCheck(options.db),
              migrations: migrationsCheck(options.db, migrationsDir),
              ...(options.redisUrl ? { redis: redisCheck(options.redisUrl) } : {}),
            },
            {
              onFailure: (name, error) =>
                logger.warn(
                  { check: name, reason: error instanceof Error ? error.message : String(error) },
                  "not ready",
                ),
            },
          );
          reply(readiness.ready ? 200 : 503, readinessBody(readiness));
        }
      });
      // Stops Hocuspocus' own reply ("Welcome to Hocuspocus!").
      throw null;
    },
  };
}
