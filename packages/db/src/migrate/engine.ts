import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import pg from "pg";

type SchemaEngineModule = typeof import("@prisma/schema-engine-wasm");

// The one WebAssembly call we make, typed here so no package needs DOM types.
type WasmExports = Record<string, unknown>;
interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ instance: { exports: WasmExports } }>;
}
const { WebAssembly: wasm } = globalThis as unknown as { WebAssembly: WasmApi };

// Process-wide, not module-wide: the bindings file is one shared ES module, so
// a second instantiation (e.g. from another copy of this module under a test
// runner) would swap the WebAssembly memory under the first.
const processWide = globalThis as unknown as {
  conductorSchemaEngine?: Promise<SchemaEngineModule>;
};

/**
 * The package's own entry imports its .wasm the way bundlers do, which plain
 * Node cannot; so we instantiate the same WebAssembly module by hand.
 */
function loadSchemaEngineModule(): Promise<SchemaEngineModule> {
  processWide.conductorSchemaEngine ??= (async () => {
    const require = createRequire(import.meta.url);
    // The package's exports hide package.json; its bindings file sits beside the .wasm.
    const packageDir = dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
    const bindings = (await import(
      "@prisma/schema-engine-wasm/schema_engine_bg"
    )) as unknown as SchemaEngineModule & {
      __wbg_set_wasm(exports: WasmExports): void;
    };
    const bytes = await readFile(join(packageDir, "schema_engine_bg.wasm"));
    const { instance } = await wasm.instantiate(bytes, {
      "./schema_engine_bg.js": bindings as unknown as Record<string, unknown>,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return processWide.conductorSchemaEngine;
}

export interface SchemaFile {
  path: string;
  content: string;
}

type SqlDriverAdapter = Awaited<ReturnType<SqlMigrationAwareDriverAdapterFactory["connect"]>>;

/**
 * @prisma/adapter-pg runs a migration script by splitting it on every ";",
 * which breaks any statement with a semicolon inside it (a PL/pgSQL trigger
 * function, a string). PostgreSQL's simple query protocol takes the whole
 * script at once, as `prisma migrate deploy` sends it, so we do that.
 */
function wholeScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  // Only node-postgres pools: PGlite's adapter runs whole scripts already.
  const pool = (adapter as unknown as { client?: unknown }).client;
  if (!(pool instanceof pg.Pool)) return adapter;
  const onError = (adapter as unknown as { onError?(error: unknown): never }).onError;
  return Object.assign(Object.create(adapter) as SqlDriverAdapter, {
    async executeScript(script: string) {
      try {
        await pool.query(script);
      } catch (error) {
        if (onError) onError.call(adapter, error);
        throw error;
      }
    },
  });
}

function withWholeScripts(
  factory: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wholeScripts(await factory.connect()),
    connectToShadowDb: async () => wholeScripts(await factory.connectToShadowDb()),
  };
}

/** Opens a schema engine that talks to the database through a driver adapter. */
export async function openSchemaEngine(
  schema: SchemaFile,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<SchemaEngine> {
  const { SchemaEngine } = await loadSchemaEngineModule();
  const log = () => {};
  return SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    log,
    bindMigrationAwareSqlAdapterFactory(withWholeScripts(adapterFactory)),
  );
}
