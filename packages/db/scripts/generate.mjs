// Runs `prisma generate` without the CLI's download of a native schema engine.
// Generating a client never uses that engine; the CLI only checks that a file
// exists at PRISMA_SCHEMA_ENGINE_BINARY, so we point it at a placeholder.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const placeholder = join(root, "node_modules", ".cache", "no-schema-engine");
if (!existsSync(placeholder)) {
  mkdirSync(dirname(placeholder), { recursive: true });
  writeFileSync(
    placeholder,
    "#!/bin/sh\necho 'Conductor migrates through @prisma/schema-engine-wasm' >&2\nexit 1\n",
    { mode: 0o755 },
  );
}
const prismaCli = createRequire(join(root, "package.json")).resolve("prisma/build/index.js");
const result = spawnSync(process.execPath, [prismaCli, "generate"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: placeholder,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
