import { issueCollabToken, loadActor } from "@conductor/core";
import type { OpenDatabase } from "@conductor/db";
import {
  type DemoSeedResult,
  seedDemoOrganization,
  seedOtherOrganization,
} from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCollabServer } from "./server";
import { connect, freePort } from "./testing";

const SECRET = "collab-server-test-secret";

const until = async (check: () => boolean | Promise<boolean>, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
};

describe("collaboration server on a real port", () => {
  let db: OpenDatabase;
  let demo: DemoSeedResult;
  let port: number;
  let server: ReturnType<typeof createCollabServer>;
  let communicationId: string;
  const token = async (userId: string) =>
    (
      await issueCollabToken(
        { db: db.prisma, actor: await loadActor(db.prisma, userId) },
        communicationId,
        SECRET,
      )
    ).token;
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
    db = await createTestDatabase();
    demo = (await seedDemoOrganization(db.prisma))!;
    await seedOtherOrganization(db.prisma);
    communicationId = (
      await db.prisma.communication.findFirstOrThrow({
        where: { title: { contains: "transactional" } },
      })
    ).id;
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
    const reader = connect(port, communicationId, await token(demo.userIds.product));
    await reader.synced;
    expect(reader.text()).toContain("Written before the restart.");
    expect(reader.text()).not.toContain("An analyst tries to edit.");
    reader.close();
  });
});
