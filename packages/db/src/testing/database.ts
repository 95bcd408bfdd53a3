import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type OpenDatabase, openDatabase } from "../client";
import { serverUrlFor, type TestTemplate, withServer } from "./template";

declare module "vitest" {
  export interface ProvidedContext {
    conductorTestTemplate: TestTemplate;
  }
}

let pgliteDump: Promise<Blob> | undefined;

/**
 * A fresh, migrated database of its own for one test file: a copy of the
 * run's template on the same back end the run uses (PGlite or PostgreSQL).
 */
export async function createTestDatabase(): Promise<OpenDatabase> {
  // Loaded here, not at the top: benchmarks and servers import this module for
  // freePort outside a Vitest run, where vitest itself must not load.
  const { inject } = await import("vitest");
  const template = inject("conductorTestTemplate");
  if (template.kind === "pglite") {
    pgliteDump ??= readFile(template.dumpPath).then((bytes) => new Blob([bytes]));
    return openDatabase({ kind: "pglite", dataDir: null, loadDataDir: await pgliteDump });
  }
  const name = `${template.templateName.replace(/_tpl_\d+$/, "")}_t${randomBytes(4).toString("hex")}`;
  // PostgreSQL copies a template only while nobody else uses it, so test
  // files running in parallel take turns (advisory lock, released on disconnect).
  await withServer(template.serverUrl, async (client) => {
    await client.query("SELECT pg_advisory_lock(hashtext($1))", [template.templateName]);
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template.templateName}"`);
  });
  const db = await openDatabase({ kind: "postgres", url: serverUrlFor(template.serverUrl, name) });
  return {
    ...db,
    close: async () => {
      await db.close();
      await withServer(template.serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      );
    },
  };
}
