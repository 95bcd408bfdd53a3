import type { OpenDatabase } from "@conductor/db";
import {
  type DemoSeedResult,
  seedDemoOrganization,
  seedOtherOrganization,
} from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../actor";
import {
  authorizeCollabConnection,
  decodeCollabToken,
  encodeCollabToken,
  issueCollabToken,
} from "./token";

const SECRET = "collab-test-secret";

describe("collaboration tokens", () => {
  let db: OpenDatabase;
  let demo: DemoSeedResult;
  let communicationId: string;
  const tokenFor = async (userId: string, now = new Date()) =>
    issueCollabToken(
      { db: db.prisma, actor: await loadActor(db.prisma, userId) },
      communicationId,
      SECRET,
      now,
    );
  const connect = (token: string, documentName = communicationId, now?: Date) =>
    authorizeCollabConnection(db.prisma, { token, documentName, secret: SECRET, now });

  beforeAll(async () => {
    db = await createTestDatabase();
    demo = (await seedDemoOrganization(db.prisma))!;
    await seedOtherOrganization(db.prisma);
    communicationId = (
      await db.prisma.communication.findFirstOrThrow({
        where: { organizationId: demo.organizationId },
      })
    ).id;
  });
  afterAll(() => db.close());

  it("gives reviewers a write token and analysts a read-only one, honoured on connect", async () => {
    const legal = await tokenFor(demo.userIds.legal);
    expect(legal.access).toBe("write");
    expect(await connect(legal.token)).toMatchObject({
      userId: demo.userIds.legal,
      name: "Leo Okafor",
      access: "write",
    });
    const analyst = await tokenFor(demo.userIds.analyst);
    expect(analyst.access).toBe("read");
    expect((await connect(analyst.token)).access).toBe("read");
  });

  it("refuses an outsider at issue time, as the API does", async () => {
    const outsider = (
      await db.prisma.user.findUniqueOrThrow({ where: { email: "owner@otherco.example" } })
    ).id;
    await expect(tokenFor(outsider)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("rejects expired, tampered, malformed and misdirected tokens, saying why", async () => {
    const issuedAt = new Date("2026-01-01T00:00:00Z");
    const old = await tokenFor(demo.userIds.legal, issuedAt);
    await expect(
      connect(old.token, communicationId, new Date("2026-01-01T00:02:00Z")),
    ).rejects.toThrow(/expired/);

    const { token } = await tokenFor(demo.userIds.analyst);
    const claims = decodeCollabToken(token, SECRET);
    const forged = `${encodeCollabToken({ ...claims, access: "write" }, "not-the-secret")}`;
    await expect(connect(forged)).rejects.toThrow(/bad signature/);
    await expect(connect("v1.nonsense")).rejects.toThrow(/malformed/);
    await expect(connect(token, "another-document")).rejects.toThrow(/another document/);
  });

  it("checks the policies again on connect: revoked → refused, lost edit rights → read-only", async () => {
    const product = await tokenFor(demo.userIds.product);
    const membership = await db.prisma.membership.findFirstOrThrow({
      where: { userId: demo.userIds.product },
    });
    await db.prisma.membership.update({ where: { id: membership.id }, data: { functions: [] } });
    expect((await connect(product.token)).access).toBe("read");
    await db.prisma.membership.delete({ where: { id: membership.id } });
    await expect(connect(product.token)).rejects.toThrow(/no access to this document/);
  });
});
