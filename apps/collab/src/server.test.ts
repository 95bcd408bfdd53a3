import {
  ACCESS_CHANGED_PATH,
  listMembers,
  loadActor,
  loadCommunication,
  postAccessChange,
  removeMember,
  startThread,
  updateMember,
  versionHash,
} from "@conductor/core";
import type { OpenDatabase } from "@conductor/db";
import { type DemoSeedResult, seedOtherOrganization } from "@conductor/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_REVOKED_REASON } from "./access-signals";
import { createCollabServer } from "./server";
import { collabTokenFor, connect, demoDocument, freePort, until } from "./testing";

const SECRET = "collab-server-test-secret";

describe("collaboration server on a real port", () => {
  let db: OpenDatabase;
  let demo: DemoSeedResult;
  let port: number;
  let server: ReturnType<typeof createCollabServer>;
  let communicationId: string;
  const token = (userId: string) => collabTokenFor(db, communicationId, userId, SECRET);
  const start = async () => {
    server = createCollabServer({
      db: db.prisma,
      secret: SECRET,
      port,
      debounce: 50,
      maxDebounce: 200,
    });
    await server.listen();
  };

  beforeAll(async () => {
    ({ db, demo, communicationId } = await demoDocument());
    await seedOtherOrganization(db.prisma);
    port = await freePort();
    await start();
  });
  afterAll(async () => {
    await server.destroy();
    await db.close();
  });

  it("opens with the stored body, and two editors converge", async () => {
    const legal = connect(port, communicationId, await token(demo.userIds.legal));
    const marketing = connect(port, communicationId, await token(demo.userIds.marketing));
    await Promise.all([legal.synced, marketing.synced]);
    expect(legal.text()).toContain("Your payment for $177.17 was received");
    legal.type("Thank you for being with us.");
    marketing.type("How else can we help?");
    expect(
      await until(
        () => legal.text() === marketing.text() && legal.text().includes("How else can we help?"),
      ),
    ).toBe(true);
    expect(marketing.text()).toContain("Thank you for being with us.");
    legal.close();
    marketing.close();
  });

  it("stores the document as state, JSON and plain text, and the body follows", async () => {
    expect(
      await until(async () => {
        const row = await db.prisma.communicationDocument.findUnique({
          where: { communicationId },
        });
        return Boolean(
          row?.text.includes("How else can we help?") &&
            row.text.includes("Thank you for being with us."),
        );
      }),
    ).toBe(true);
    const communication = await db.prisma.communication.findUniqueOrThrow({
      where: { id: communicationId },
    });
    expect(communication.body).toContain("How else can we help?");
  });

  it("refuses a bad token and another organisation's member", async () => {
    const forged = connect(port, communicationId, "v1.forged.token");
    expect(await forged.refused).toMatch(/./);
    forged.close();
    const outsider = (
      await db.prisma.user.findUniqueOrThrow({ where: { email: "owner@otherco.example" } })
    ).id;
    await expect(token(outsider)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A token for one document does not open another.
    const other = (
      await db.prisma.communication.findFirstOrThrow({
        where: { title: { contains: "heart-centred" } },
      })
    ).id;
    const misdirected = connect(port, other, await token(demo.userIds.legal));
    expect(await misdirected.refused).toMatch(/./);
    misdirected.close();
  });

  it("gives an analyst a read-only connection: their edits reach nobody", async () => {
    const analyst = connect(port, communicationId, await token(demo.userIds.analyst));
    const legal = connect(port, communicationId, await token(demo.userIds.legal));
    await Promise.all([analyst.synced, legal.synced]);
    analyst.type("An analyst tries to edit.");
    legal.type("Legal's edit arrives.");
    expect(await until(() => analyst.text().includes("Legal's edit arrives."))).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(legal.text()).not.toContain("An analyst tries to edit.");
    analyst.close();
    legal.close();
  });

  it("closes the connections of a member whose membership is revoked, and only theirs", async () => {
    const productToken = await token(demo.userIds.product);
    const product = connect(port, communicationId, productToken);
    const legal = connect(port, communicationId, await token(demo.userIds.legal));
    const accounting = connect(port, communicationId, await token(demo.userIds.accounting));
    await Promise.all([product.synced, legal.synced, accounting.synced]);
    const admin = { db: db.prisma, actor: await loadActor(db.prisma, demo.userIds.admin) };
    const collabUrl = `http://127.0.0.1:${port}`;

    // A forged announcement changes nothing.
    const forged = await fetch(`${collabUrl}${ACCESS_CHANGED_PATH}`, {
      method: "POST",
      headers: { "x-conductor-signature": "forged" },
      body: JSON.stringify({ userId: demo.userIds.product, organizationId: demo.organizationId }),
    });
    expect(forged.status).toBe(401);

    // Accounting loses its function (read-only now): closed, so it reconnects read-only.
    const members = await listMembers(admin, { organizationId: demo.organizationId });
    const membershipOf = (userId: string) => members.find((m) => m.userId === userId)!;
    await updateMember(admin, {
      organizationId: demo.organizationId,
      membershipId: membershipOf(demo.userIds.accounting).membershipId,
      functions: [],
      roles: [],
    });
    await postAccessChange(
      collabUrl,
      { userId: demo.userIds.accounting, organizationId: demo.organizationId },
      SECRET,
    );
    expect(await accounting.closed).toBe(ACCESS_REVOKED_REASON);

    await removeMember(admin, {
      organizationId: demo.organizationId,
      membershipId: membershipOf(demo.userIds.product).membershipId,
    });
    await postAccessChange(
      collabUrl,
      { userId: demo.userIds.product, organizationId: demo.organizationId },
      SECRET,
    );
    expect(await product.closed).toBe(ACCESS_REVOKED_REASON);
    // A reconnect with the old token is refused: the policies are checked again.
    const again = connect(port, communicationId, productToken);
    expect(await again.refused).toBe("permission-denied");
    again.close();

    // Legal was not touched and still edits.
    const reader = connect(port, communicationId, await token(demo.userIds.marketing));
    await reader.synced;
    legal.type("Legal still edits after the revocation.");
    expect(
      await until(() => reader.text().includes("Legal still edits after the revocation.")),
    ).toBe(true);
    for (const client of [product, legal, accounting, reader]) client.close();
  });

  it("saves a version of the live document and restores it as a new change", async () => {
    const legal = connect(port, communicationId, await token(demo.userIds.legal));
    const marketing = connect(port, communicationId, await token(demo.userIds.marketing));
    await Promise.all([legal.synced, marketing.synced]);
    legal.type("Only in the first version.");
    legal.document.getText("subject").insert(0, "Payment received");
    // Saved straight after typing: the server's live document, not the stored copy.
    const saved = await legal.versionAction({ type: "save-version", name: "Before cuts" });
    const version = await db.prisma.communicationVersion.findFirstOrThrow({
      where: { communicationId, name: "Before cuts" },
    });
    // The answer names the version, so the editor needs no list to find it.
    expect(saved).toEqual({
      type: "version-result",
      requestId: expect.any(String),
      ok: true,
      versionId: version.id,
      versionNumber: version.number,
    });
    expect(version.text).toContain("Only in the first version.");
    expect(version.contentHash).toBe(versionHash(version));

    // Delete the paragraph, then restore: it comes back for everyone.
    expect(await until(() => marketing.text().includes("Only in the first version."))).toBe(true);
    const fragment = legal.document.getXmlFragment("default");
    const index = fragment.toArray().findIndex((n) => n.toString().includes("Only in the first"));
    fragment.delete(index, 1);
    legal.document.getText("subject").insert(0, "Re: ");
    expect(await until(() => !marketing.text().includes("Only in the first version."))).toBe(true);
    const restored = await marketing.versionAction({
      type: "restore-version",
      versionId: version.id,
    });
    const restoredAs = await db.prisma.communicationVersion.findFirstOrThrow({
      where: { communicationId, kind: "RESTORE" },
      orderBy: { number: "desc" },
    });
    expect(restored).toMatchObject({
      ok: true,
      versionId: restoredAs.id,
      versionNumber: restoredAs.number,
    });
    expect(await until(() => legal.text().includes("Only in the first version."))).toBe(true);
    // The subject is part of the version: it comes back too.
    expect(version.subject).toBe("Payment received");
    expect(
      await until(() => legal.document.getText("subject").toString() === "Payment received"),
    ).toBe(true);
    const kinds = await db.prisma.communicationVersion.findMany({
      where: { communicationId, number: { gt: version.number } },
      orderBy: { number: "asc" },
      select: { kind: true },
    });
    expect(kinds.map((k) => k.kind)).toEqual(["AUTOMATIC", "RESTORE"]);

    // A read-only member is refused, with the reason.
    const analyst = connect(port, communicationId, await token(demo.userIds.analyst));
    await analyst.synced;
    expect(await analyst.versionAction({ type: "save-version", name: "Nope" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not save or restore/),
    });
    for (const client of [legal, marketing, analyst]) client.close();
  });

  it("keeps edits made offline and merges them with others' when the connection returns", async () => {
    const legal = connect(port, communicationId, await token(demo.userIds.legal));
    const marketing = connect(port, communicationId, await token(demo.userIds.marketing));
    await Promise.all([legal.synced, marketing.synced]);
    await legal.goOffline();
    legal.type("Typed by legal on the train.");
    marketing.type("Typed by marketing meanwhile.");
    await new Promise((r) => setTimeout(r, 300));
    expect(marketing.text()).not.toContain("Typed by legal on the train.");
    expect(legal.text()).not.toContain("Typed by marketing meanwhile.");
    legal.goOnline();
    expect(
      await until(
        () =>
          legal.text() === marketing.text() &&
          legal.text().includes("Typed by legal on the train.") &&
          legal.text().includes("Typed by marketing meanwhile."),
      ),
    ).toBe(true);
    legal.close();
    marketing.close();
  });

  it("anchors a reader's comment for them, and only their own thread", async () => {
    const analyst = connect(port, communicationId, await token(demo.userIds.analyst));
    const marketing = connect(port, communicationId, await token(demo.userIds.marketing));
    await Promise.all([analyst.synced, marketing.synced]);
    const communication = await loadCommunication(
      { db: db.prisma, actor: await loadActor(db.prisma, demo.userIds.analyst) },
      communicationId,
    );
    const startAs = async (userId: string, subject: "TEXT" | "BRIEF" = "TEXT") =>
      startThread({ db: db.prisma, actor: await loadActor(db.prisma, userId) }, communication, {
        communicationId,
        subject,
        quote: subject === "TEXT" ? "Your" : "Tone",
        body: "Is this about one payment?",
      });
    const own = await startAs(demo.userIds.analyst);
    // Positions 1–5 are "Your" in the first paragraph.
    expect(await analyst.anchorComment(own.id, 1, 5)).toMatchObject({ ok: true });
    expect(
      await until(
        () =>
          marketing.text().includes(`threadId="${own.id}"`) || marketing.text().includes(own.id),
      ),
    ).toBe(true);

    const someoneElses = await startAs(demo.userIds.legal);
    expect(await analyst.anchorComment(someoneElses.id, 1, 5)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not found/),
    });
    expect(await analyst.anchorComment(own.id, 1, 100_000)).toMatchObject({ ok: false });
    // A thread on the brief has no place in the text.
    const onTheBrief = await startAs(demo.userIds.analyst, "BRIEF");
    expect(await analyst.anchorComment(onTheBrief.id, 1, 5)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not found/),
    });
    analyst.close();
    marketing.close();
  });

  it("keeps every stored edit across a restart", async () => {
    const writer = connect(port, communicationId, await token(demo.userIds.commsManager));
    await writer.synced;
    writer.type("Written before the restart.");
    expect(
      await until(async () => {
        const row = await db.prisma.communicationDocument.findUnique({
          where: { communicationId },
        });
        return Boolean(row?.text.includes("Written before the restart."));
      }),
    ).toBe(true);
    writer.close();
    await server.destroy();
    await start();
    const reader = connect(port, communicationId, await token(demo.userIds.regulatory));
    await reader.synced;
    expect(reader.text()).toContain("Written before the restart.");
    expect(reader.text()).not.toContain("An analyst tries to edit.");
    reader.close();
  });
});
