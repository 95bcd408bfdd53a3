import type { OpenDatabase } from "@conductor/db";
import type { DemoSeedResult } from "@conductor/db/seed";
import { MessageType } from "@hocuspocus/server";
import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollabServer } from "./server";
import { collabTokenFor, connect, demoDocument, freePort, until } from "./testing";

const SECRET = "collab-presence-test-secret";

type Client = ReturnType<typeof connect>;

/** The presence `observer` sees for `subject`'s tab. */
const seenBy = (observer: Client, subject: Client) =>
  observer.provider.awareness?.getStates().get(subject.document.clientID);

const colourSeenBy = (observer: Client, subject: Client) =>
  (seenBy(observer, subject)?.user as { color?: string } | undefined)?.color;

/** An awareness message for any client id and clock, as a modified client could send it. */
function forgedAwareness(documentName: string, clientId: number, clock: number, state: unknown) {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, JSON.stringify(state));
  const message = encoding.createEncoder();
  encoding.writeVarString(message, documentName);
  encoding.writeVarUint(message, MessageType.Awareness);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}

describe("presence names people as their token proves them", () => {
  let db: OpenDatabase;
  let demo: DemoSeedResult;
  let port: number;
  let server: ReturnType<typeof createCollabServer>;
  let communicationId: string;
  const open: Client[] = [];
  const join = async (userId: string) => {
    const token = await collabTokenFor(db, communicationId, userId, SECRET);
    const client = connect(port, communicationId, token);
    open.push(client);
    await client.synced;
    return client;
  };

  beforeAll(async () => {
    ({ db, demo, communicationId } = await demoDocument());
    port = await freePort();
    server = createCollabServer({ db: db.prisma, secret: SECRET, port });
    await server.listen();
  });
  afterAll(async () => {
    for (const client of open) client.close();
    await server.destroy();
    await db.close();
  });

  it("shows a reader who claims a colleague's name and function under their own", async () => {
    const reader = await join(demo.userIds.analyst);
    const marketing = await join(demo.userIds.marketing);
    reader.provider.setAwarenessField("user", {
      userId: demo.userIds.legal,
      name: "Leo Okafor",
      label: "Legal",
      color: "#1d4ed8",
      approver: true,
    });
    // A provider starts with an empty state; wait for the one just set.
    expect(await until(() => colourSeenBy(marketing, reader) === "#1d4ed8")).toBe(true);
    expect(seenBy(marketing, reader)).toEqual({
      user: { userId: demo.userIds.analyst, name: "Ade Bello", label: "Analyst", color: "#1d4ed8" },
    });

    // A colour ends up in other people's style attributes: only a colour passes.
    reader.provider.setAwarenessField("user", {
      name: "Ade Bello",
      color: "red; background-image: url(https://tracker.example/pixel)",
    });
    expect(await until(() => colourSeenBy(marketing, reader) !== "#1d4ed8")).toBe(true);
    expect(seenBy(marketing, reader)?.user).toEqual({
      userId: demo.userIds.analyst,
      name: "Ade Bello",
      label: "Analyst",
      color: "#475569",
    });
  });

  it("passes an honest client's presence on unchanged, and it leaves with the connection", async () => {
    const legal = await join(demo.userIds.legal);
    const compliance = await join(demo.userIds.compliance);
    legal.provider.setAwarenessField("user", {
      userId: demo.userIds.legal,
      name: "Leo Okafor",
      label: "Legal",
      color: "#b42318",
    });
    legal.provider.setAwarenessField("cursor", { anchor: { item: 1 }, head: { item: 2 } });
    expect(await until(() => seenBy(compliance, legal)?.cursor !== undefined)).toBe(true);
    expect(seenBy(compliance, legal)).toEqual(legal.provider.awareness?.getLocalState());

    legal.close();
    expect(await until(() => seenBy(compliance, legal) === undefined)).toBe(true);
  });

  it("does not let one client set or remove the presence of another's client id", async () => {
    const attacker = await join(demo.userIds.analyst);
    const victim = await join(demo.userIds.regulatory);
    const observer = await join(demo.userIds.product);
    const honest = {
      userId: demo.userIds.regulatory,
      name: "Raj Iyer",
      label: "Regulatory",
      color: "#047857",
    };
    victim.provider.setAwarenessField("user", honest);
    expect(await until(() => colourSeenBy(observer, victim) === honest.color)).toBe(true);

    // A clock far ahead would win over the victim's own under plain Yjs awareness.
    const socket = attacker.provider.configuration.websocketProvider;
    const victimId = victim.document.clientID;
    socket.send(
      forgedAwareness(communicationId, victimId, 10_000, {
        user: { ...honest, name: "Raj Iyer (approved everything)" },
      }),
    );
    socket.send(forgedAwareness(communicationId, victimId, 10_001, null));
    // Messages from one socket are handled in order: once this one is seen, the forgeries were handled.
    attacker.provider.setAwarenessField("user", { name: "Ade Bello", color: "#be185d" });
    expect(await until(() => colourSeenBy(observer, attacker) === "#be185d")).toBe(true);

    expect(seenBy(observer, victim)).toEqual({ user: honest });
    expect(victim.provider.awareness?.getLocalState()).toEqual({ user: honest });
    expect(
      server.hocuspocus.documents.get(communicationId)?.awareness.getStates().get(victimId),
    ).toEqual({
      user: honest,
    });
    // The attacker's connection stays up: honest providers echo others' states too.
    expect(attacker.provider.isAuthenticated).toBe(true);
  });
});
