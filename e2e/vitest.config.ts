import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "e2e",
    include: ["src/**/*.e2e.ts"],
    globalSetup: ["./src/server.ts"],
    fileParallelism: false,
    // Each test drives Chromium through several pages of the production
    // server, often as two people at once: past Vitest's default 5 s.
    testTimeout: 60_000,
    // A file's beforeAll launches Chromium and signs people in over the real
    // server; on a shared two-core machine the first can take minutes.
    hookTimeout: 240_000,
    // The browser waits for a server, a collaboration round trip and a live
    // re-analysis; on a shared two-core machine a second is not always enough,
    // so every poll gets five unless it asks for more.
    expect: { poll: { timeout: 5_000 } },
  },
});
