import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openConnection } from "./client";

// Each test starts embedded PGlite (WebAssembly) more than once, and the
// second also spawns a Node process: on a busy machine that passes 30 s.
const pgliteStarts = 90_000;

describe("embedded database folder lock", () => {
  it("refuses a second opener with a clear message, and frees the folder on close", {
    timeout: pgliteStarts,
  }, async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "conductor-lock-")), "pglite");
    const first = await openConnection({ kind: "pglite", dataDir });
    try {
      await expect(openConnection({ kind: "pglite", dataDir })).rejects.toThrow(
        /is in use by process \d+ \(this process\)\. Stop the other Conductor first/,
      );
    } finally {
      await first.close();
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const again = await openConnection({ kind: "pglite", dataDir });
    await again.close();
  });

  it("takes over a lock left by a process that has ended", { timeout: pgliteStarts }, async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "conductor-lock-")), "pglite");
    const ended = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
      encoding: "utf8",
    });
    writeFileSync(`${dataDir}.lock`, ended.stdout);
    const connection = await openConnection({ kind: "pglite", dataDir });
    await connection.close();
  });
});
