import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "collab",
    globalSetup: ["../../packages/db/src/testing/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
