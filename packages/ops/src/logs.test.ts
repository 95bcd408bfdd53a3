import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { observeHttpRequest, routeLabel } from "./http";
import { createLogger } from "./logger";
import { metrics } from "./metrics";
import { currentRequestId, withRequestId } from "./request-id";

/** A logger whose lines are kept, parsed, for the test to read. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ service: "test", destination }), lines };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** A real HTTP server whose every request goes through observeHttpRequest, as web's does. */
async function observedServer(logger: ReturnType<typeof createLogger>) {
  const server = createServer((request, response) =>
    observeHttpRequest("test", logger, request, response, () => {
      // Something the handler logs on its own, deep in a promise chain.
      void Promise.resolve().then(() => {
        logger.warn({ cookie: request.headers.cookie }, "handler saw a cookie");
        response.end(JSON.stringify({ seenId: currentRequestId() }));
      });
    }),
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("request logs", () => {
  it("carry a well-formed x-request-id from the client on the request line and the handler's lines", async () => {
    const { logger, lines } = capturedLogger();
    const base = await observedServer(logger);
    const response = await fetch(`${base}/communications/cm1abcdefghij0123456789xy?tab=review`, {
      headers: { "x-request-id": "proxy-4f2a9c-0001", cookie: "next-auth.session-token=s3cr3t" },
    });
    expect(response.headers.get("x-request-id")).toBe("proxy-4f2a9c-0001");
    expect(await response.json()).toEqual({ seenId: "proxy-4f2a9c-0001" });
    await expect.poll(() => lines.length).toBe(2);
    const [handler, requestLine] = lines;
    expect(handler).toMatchObject({
      service: "test",
      requestId: "proxy-4f2a9c-0001",
      cookie: "[redacted]",
    });
    expect(requestLine).toMatchObject({
      msg: "request",
      requestId: "proxy-4f2a9c-0001",
      method: "GET",
      route: "/communications/:id",
      status: 200,
    });
    expect(JSON.stringify(lines)).not.toContain("s3cr3t");
    expect(JSON.stringify(lines)).not.toContain("tab=review");
  });

  it("replace a malformed request id with a generated one", async () => {
    const { logger, lines } = capturedLogger();
    const base = await observedServer(logger);
    for (const sent of ["short", "has space in it", "a".repeat(200), 'id"with;quote=1']) {
      const response = await fetch(`${base}/api/health`, { headers: { "x-request-id": sent } });
      const id = response.headers.get("x-request-id");
      expect(id, sent).toMatch(/^[0-9a-f-]{36}$/);
      expect(((await response.json()) as { seenId: string }).seenId).toBe(id);
    }
    await expect.poll(() => lines.filter((line) => line.msg === "request").length).toBe(4);
    expect(lines.every((line) => /^[0-9a-f-]{36}$/.test(String(line.requestId)))).toBe(true);
  });

  it("record the request's latency by route", async () => {
    const { logger } = capturedLogger();
    const base = await observedServer(logger);
    await fetch(`${base}/invitations/Zq8x1Jm3Kp9Lr2Tn5Vw7Yb4Hc6`);
    const text = await metrics().registry.metrics();
    expect(text).toMatch(
      /conductor_http_request_duration_seconds_count\{service="test",method="GET",route="\/invitations\/:id",status="200"\} [1-9]/,
    );
    expect(text).not.toContain("Zq8x1Jm3Kp9Lr2Tn5Vw7Yb4Hc6");
  });
});

describe("redaction", () => {
  it("prints credentials and message text as [redacted], top level or one object down", () => {
    const { logger, lines } = capturedLogger();
    logger.info(
      {
        password: "hunter2-password",
        token: "tok-123-secret",
        smtpUrl: "smtp://user:mailpass@127.0.0.1:2525",
        headers: { authorization: "Bearer abc.def.ghi", cookie: "sid=cookie-value" },
        communication: { id: "c1", body: "Your bill rises by £12 in May", subject: "Bill change" },
        email: { text: "Dear customer", html: "<p>Dear customer</p>" },
      },
      "sending",
    );
    const [line] = lines;
    expect(line).toMatchObject({
      password: "[redacted]",
      token: "[redacted]",
      smtpUrl: "[redacted]",
      headers: { authorization: "[redacted]", cookie: "[redacted]" },
      communication: { id: "c1", body: "[redacted]", subject: "[redacted]" },
      email: { text: "[redacted]", html: "[redacted]" },
    });
    const printed = JSON.stringify(lines);
    for (const secret of [
      "hunter2",
      "tok-123",
      "mailpass",
      "abc.def",
      "cookie-value",
      "£12",
      "Bill change",
      "Dear customer",
    ])
      expect(printed).not.toContain(secret);
  });

  it("adds the request id only inside a request", () => {
    const { logger, lines } = capturedLogger();
    logger.info("outside");
    withRequestId("job-0001-abcdef", () => logger.info("inside"));
    expect(lines[0]).not.toHaveProperty("requestId");
    expect(lines[1]).toMatchObject({ requestId: "job-0001-abcdef", msg: "inside" });
  });
});

describe("routeLabel", () => {
  it("folds ids and tokens, keeps the route's words, drops the query", () => {
    expect(routeLabel("/api/trpc/communications.list,reviews.mine?batch=1")).toBe(
      "/api/trpc/communications.list,reviews.mine",
    );
    expect(routeLabel("/communications/cmiq2x9a0000108l4f0h1abcd/brief")).toBe(
      "/communications/:id/brief",
    );
    expect(routeLabel("/api/v1/releases/42")).toBe("/api/v1/releases/:id");
    expect(routeLabel("/_next/static/chunks/app-1234.js")).toBe("/_next/static");
    expect(routeLabel("/%E0%A4%A")).toBe("/:bad");
    expect(routeLabel("/signin")).toBe("/signin");
  });
});
