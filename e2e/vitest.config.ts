import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "e2e",
    include: ["src/**/*.e2e.ts"],
    globalSetup: ["./src/server.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 240_000,
    // The browser waits for a server, a collaboration round trip and a live
    // re-analysis; on a shared two-core machine a second is not always enough,
    // so every poll gets five unless it asks for more.
    expect: { poll: { timeout: 5_000 } },
  },
});
