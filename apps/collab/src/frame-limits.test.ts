import type { OpenDatabase } from "@conductor/db";
import type { DemoSeedResult } from "@conductor/db/seed";
import { IncomingMessage, MessageType } from "@hocuspocus/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { UNAUTHENTICATED_BYTES } from "./frame-limits";
import { createCollabServer } from "./server";
import { collabTokenFor, connect, demoDocument, freePort, until } from "./testing";

const SECRET = "collab-frame-limits-test-secret";

/** A client→server authentication message, as the provider writes it. */
function authMessage(documentName: string, token: string) {
  const message = new IncomingMessage(new Uint8Array());
  message.writeVarString(documentName);
  message.writeVarUint(MessageType.Auth);
  message.writeVarUint(0 as MessageType); // AuthMessageType.Token
  message.writeVarString(token);
  return message.toUint8Array();
}

/** Opens a bare WebSocket; resolves with the close code it ends with. */
function rawSocket(port: number) {
  const socket = new WebSocket(`ws://127.0.0.1:${port}`);
  const opened = new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
  socket.on("error", () => {}); // a reset after the close is expected
  return { socket, opened, closed };
}

describe("where collab listens and what it accepts before authentication", () => {
  let db: OpenDatabase;
  let demo: DemoSeedResult;
  let port: number;
  let server: ReturnType<typeof createCollabServer>;
  let communicationId: string;
  const token = (userId: string) => collabTokenFor(db, communicationId, userId, SECRET);

  beforeAll(async () => {
    ({ db, demo, communicationId } = await demoDocument());
    port = await freePort();
    server = createCollabServer({ db: db.prisma, secret: SECRET, port, address: "127.0.0.1" });
    await server.listen();
  });
  afterAll(async () => {
    await server.destroy();
    await db.close();
  });

  it("listens on the configured address only", () => {
    expect(server.httpServer.address()).toMatchObject({ address: "127.0.0.1", port });
  });

  it("closes a socket that sends more than its budget before authenticating", async () => {
    const { socket, opened, closed } = rawSocket(port);
    await opened;
    socket.send(new Uint8Array(UNAUTHENTICATED_BYTES + 1024));
    expect(await closed).toBe(1009);
  });

  it("keeps the budget for a socket whose token was refused", async () => {
    const { socket, opened, closed } = rawSocket(port);
    await opened;
    socket.send(authMessage(communicationId, "v1.forged.token"));
    await new Promise((r) => setTimeout(r, 200));
    socket.send(new Uint8Array(UNAUTHENTICATED_BYTES + 1024));
    expect(await closed).toBe(1009);
  });

  it("lifts the budget once a document is authenticated: a long paste reaches the others", async () => {
    const legal = connect(port, communicationId, await token(demo.userIds.legal));
    const marketing = connect(port, communicationId, await token(demo.userIds.marketing));
    await Promise.all([legal.synced, marketing.synced]);
    const paste = `Long paste ${"lorem ipsum ".repeat(UNAUTHENTICATED_BYTES / 6)}end of paste.`;
    legal.type(paste);
    expect(await until(() => marketing.text().includes("end of paste."), 10_000)).toBe(true);
    legal.close();
    marketing.close();
  });
});
