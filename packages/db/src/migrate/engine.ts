import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

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
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}
