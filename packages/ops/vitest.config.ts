import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "ops",
    // The readiness tests check a real migrated database.
    globalSetup: ["../db/src/testing/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
