import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../client";
import { verifyPassword } from "../password";
import { createTestDatabase } from "../testing";
import { DEMO_PASSWORD, demoAccounts, seedDemoOrganization, seedOtherOrganization } from ".";

describe("demo seed", () => {
  let db: OpenDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  it("creates one member per function plus a comms manager, an analyst and an admin", async () => {
    const result = await seedDemoOrganization(db.prisma);
    expect(result).not.toBeNull();
    const memberships = await db.prisma.membership.findMany({
      where: { organizationId: result!.organizationId },
    });
    const functions = memberships.flatMap((m) => m.functions).sort();
    const roles = memberships.flatMap((m) => m.roles).sort();
    expect(functions).toEqual([
      "ACCOUNTING",
      "COMPLIANCE",
      "LEGAL",
      "MARKETING",
      "PRODUCT",
      "REGULATORY",
    ]);
    expect(roles).toEqual(["ADMIN", "ANALYST", "COMMS_MANAGER"]);
  });

  it("gives every demo account the documented password", async () => {
    const user = await db.prisma.user.findUniqueOrThrow({
      where: { email: demoAccounts.legal.email },
    });
    expect(await verifyPassword(DEMO_PASSWORD, user.passwordHash!)).toBe(true);
  });

  it("includes the three payment messages, a fee-change letter, an outage SMS and a released email", async () => {
    const titles = (
      await db.prisma.communication.findMany({ select: { title: true, channel: true } })
    )
      .map((c) => `${c.channel} ${c.title}`)
      .sort();
    expect(titles).toEqual([
      "EMAIL Payment received — black box",
      "EMAIL Payment received — transactional",
      "EMAIL Your direct debit date is moving",
      "LETTER Monthly account fee is changing",
      "SMS Payment received — heart-centred",
      "SMS Planned outage tonight",
    ]);
  });

  it("has the contact centre's reason codes, and the released email mapped to two of them", async () => {
    expect(
      (await db.prisma.callReason.findMany({ orderBy: { code: "asc" } })).map((r) => r.code),
    ).toEqual(["billing", "direct-debit", "moving-home", "outage", "payment-failed"]);
    const released = await db.prisma.communication.findFirstOrThrow({
      where: { title: "Your direct debit date is moving" },
      include: { callReasons: true, reviews: { include: { release: true } } },
    });
    expect(released.status).toBe("RELEASED");
    expect(released.callReasons.map((r) => r.reasonCode).sort()).toEqual([
      "billing",
      "direct-debit",
    ]);
    expect(released.reviews[0]?.release).toMatchObject({ recipients: 24_000 });
  });

  it("is idempotent", async () => {
    expect(await seedDemoOrganization(db.prisma)).toBeNull();
    expect(await db.prisma.organization.count()).toBe(1);
  });

  it("seeds a separate organisation for isolation tests", async () => {
    const other = await seedOtherOrganization(db.prisma);
    const communications = await db.prisma.communication.findMany({
      where: { organizationId: other.id },
    });
    expect(communications).toHaveLength(1);
    expect(await db.prisma.organization.count()).toBe(2);
  });
});
