import { defineConfig } from "vitest/config";

// One run over every package's tests; each project keeps its own config.
export default defineConfig({
  test: {
    projects: [
      "packages/rules",
      "packages/editor",
      "packages/db",
      "packages/core",
      "packages/api",
      "packages/ops",
      "apps/collab",
      "apps/web",
      "e2e",
    ],
    maxWorkers: 2,
  },
});
