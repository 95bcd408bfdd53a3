import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// Reference data lives in ../shared beside the repository (as on CI), with
// its licences; tests read it from there rather than copying it in.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
export const sharedDataDir =
  process.env.CONDUCTOR_SHARED_DATA ?? join(repoRoot, "..", "shared", "data");

export function sharedPath(relative: string): string {
  const path = join(sharedDataDir, relative);
  if (!existsSync(path))
    throw new Error(`Reference data missing: ${path} (expected ../shared beside the repository)`);
  return path;
}

export const readShared = (relative: string) => readFileSync(sharedPath(relative), "utf8");
export const readSharedJson = <T>(relative: string): T => JSON.parse(readShared(relative)) as T;
