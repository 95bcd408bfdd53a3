import { Agent, createServer, type IncomingMessage, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { previewCallCsv, readPreviewSample } from "./preview";

/**
 * A preview endpoint as the web app serves it: Next.js hands the route a
 * web Request whose body streams the Node request (so an unread rest stays
 * on the socket), and the route answers from the first 64 KB.
 */
function previewServer() {
  return createServer(async (incoming, outgoing) => {
    const webRequest = new Request(`http://localhost${incoming.url}`, {
      method: incoming.method,
      body: incoming.method === "POST" ? (incoming as unknown as ReadableStream) : null,
      duplex: "half",
    } as RequestInit);
    const { sample, complete } = await readPreviewSample(chunksOf(webRequest));
    const preview = await previewCallCsv(sample);
    outgoing.writeHead(200, {
      "content-type": "application/json",
      ...(complete ? {} : { connection: "close" }),
    });
    outgoing.end(JSON.stringify(preview));
  });
}

async function* chunksOf(webRequest: Request) {
  if (!webRequest.body) return;
  const reader = webRequest.body.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } finally {
    reader.releaseLock();
  }
}

/** A CSV of about `megabytes` MB: a header and many rows. */
function csvOf(megabytes: number) {
  const row = "2026-03-02,billing,41\n";
  return Buffer.from(`date,reason,calls\n${row.repeat(Math.ceil((megabytes * 1e6) / row.length))}`);
}

describe("the preview reads what it needs and leaves the connection usable", () => {
  let server: Server;
  let port: number;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  beforeAll(async () => {
    server = previewServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (body: Buffer) =>
    new Promise<{
      status: number;
      headers: IncomingMessage["headers"];
      json: unknown;
      reused: boolean;
    }>((resolve, reject) => {
      const sent = request(
        { host: "127.0.0.1", port, path: "/preview", method: "POST", agent },
        (response) => {
          const parts: Buffer[] = [];
          response.on("data", (part: Buffer) => parts.push(part));
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              json: JSON.parse(Buffer.concat(parts).toString()),
              reused: sent.reusedSocket,
            }),
          );
          response.on("error", reject);
        },
      );
      sent.on("error", reject);
      sent.end(body);
    });

  it("a 5 MB body is drained: the next request on the same kept-alive connection gets its answer", async () => {
    const first = await post(csvOf(5));
    expect(first.status).toBe(200);
    expect(first.headers.connection).not.toBe("close");
    expect(first.json).toMatchObject({ ok: true, headers: ["date", "reason", "calls"] });
    const second = await post(csvOf(0.001));
    expect(second).toMatchObject({ status: 200, reused: true, json: { ok: true } });
  });

  it("a body past what is drained is answered with Connection: close, and the next request gets a new one", async () => {
    const first = await post(csvOf(40));
    expect(first.status).toBe(200);
    expect(first.headers.connection).toBe("close");
    expect(first.json).toMatchObject({ ok: true });
    const second = await post(csvOf(0.001));
    expect(second).toMatchObject({ status: 200, reused: false, json: { ok: true } });
  });

  it("a sample without a line break is refused at line 1, echoing none of it", async () => {
    const preview = await previewCallCsv(new Uint8Array(64 * 1024).fill(0x61));
    expect(preview).toEqual({
      ok: false,
      message: "line 1 is longer than 65,536 characters; is this a CSV file?",
    });
  });

  it("a body that stalls before its first 64 KB is given up with UPLOAD_STALLED", async () => {
    async function* silent() {
      yield new TextEncoder().encode("date,reason,calls\n");
      await new Promise(() => {});
    }
    await expect(readPreviewSample(silent(), { idleMs: 20 })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      reason: "UPLOAD_STALLED",
    });
  });
});
