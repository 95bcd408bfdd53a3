import { createServer } from "node:net";

/**
 * A loopback port no one listens on, for a server a test or benchmark starts:
 * the system picks one, we close it at once and hand the number on. Another
 * process could take it in between; on loopback, in a test run, that window
 * has not been worth a retry loop.
 */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? done(address.port) : fail(new Error("no port")),
      );
    });
  });
}
