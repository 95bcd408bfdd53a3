import { describe, expect, inject, it } from "vitest";
import { baseUrl } from "./session";

// The product as `npm start` runs it with METRICS_PORT set: health, readiness,
// request ids and metrics over real HTTP (no browser needed).
describe("running as a service", () => {
  const metricsUrl = () => inject("metricsUrl");

  it("answers liveness and readiness, each naming its checks", async () => {
    const health = await fetch(`${baseUrl()}/api/health`);
    expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);
    const ready = await fetch(`${baseUrl()}/api/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { status: string; checks: Record<string, string> };
    expect(body.status).toBe("ready");
    expect(body.checks).toMatchObject({ database: "ok", migrations: "ok", collab: "ok" });
    if (process.env.REDIS_URL) expect(body.checks.redis).toBe("ok");
  });

  it("echoes a well-formed x-request-id and replaces a malformed one", async () => {
    const kept = await fetch(`${baseUrl()}/api/health`, {
      headers: { "x-request-id": "lb-7d1e2f3a-0042" },
    });
    expect(kept.headers.get("x-request-id")).toBe("lb-7d1e2f3a-0042");
    const replaced = await fetch(`${baseUrl()}/api/health`, {
      headers: { "x-request-id": "<script>" },
    });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("serves metrics on METRICS_PORT after traffic, and never on the app's port", async () => {
    // Traffic: readiness, a page, and a tRPC call (refused: nobody is signed in).
    await fetch(`${baseUrl()}/api/ready`);
    await fetch(`${baseUrl()}/signin`);
    const trpc = await fetch(`${baseUrl()}/api/trpc/communications.list?input=%7B%7D`);
    expect(trpc.status).toBe(401);

    const scrape = await fetch(`${metricsUrl()}/metrics`);
    expect(scrape.status).toBe(200);
    const text = await scrape.text();
    expect(text).toMatch(
      /conductor_http_request_duration_seconds_count\{service="web",method="GET",route="\/api\/ready",status="200"\} [1-9]/,
    );
    expect(text).toMatch(
      /conductor_trpc_procedure_duration_seconds_count\{procedure="communications\.list",type="query",outcome="UNAUTHORIZED"\} [1-9]/,
    );
    expect(text).toContain("process_resident_memory_bytes");

    // Collab's metrics on their own port: its gauges are there.
    const collab = await (await fetch(`${inject("collabMetricsUrl")}/metrics`)).text();
    expect(collab).toMatch(/^conductor_collab_connections \d+$/m);
    expect(collab).toMatch(/^conductor_collab_documents \d+$/m);

    const onAppPort = await fetch(`${baseUrl()}/metrics`);
    expect(onAppPort.status).toBe(404);
    expect(await onAppPort.text()).not.toContain("conductor_http_request_duration_seconds");
  });
});
