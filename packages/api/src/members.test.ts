import { verifyPassword } from "@conductor/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiFixture, outcome } from "./testing";

type Fixture = Awaited<ReturnType<typeof createApiFixture>>;

describe("members procedures", () => {
  let f: Fixture;
  let admin: Awaited<ReturnType<Fixture["callerFor"]>>;
  beforeAll(async () => {
    f = await createApiFixture();
    admin = await f.callerFor("admin");
  });
  afterAll(() => f.db.close());

  it("viewer.me names the signed-in person and their functions", async () => {
    const legal = await f.callerFor("legal");
    const me = await legal.viewer.me();
    expect(me.email).toBe("legal@harbour.example");
    expect(me.memberships).toEqual([
      expect.objectContaining({ organizationName: "Harbour Energy", functions: ["LEGAL"] }),
    ]);
  });

  it("list shows every member of the organisation only", async () => {
    const list = await admin.members.list({ organizationId: f.demo.organizationId });
    expect(list).toHaveLength(9);
    expect(list.some((m) => m.email === "owner@otherco.example")).toBe(false);
  });

  it("add creates an account with a hashed initial password and the chosen access", async () => {
    const added = await admin.members.add({
      organizationId: f.demo.organizationId,
      email: "  New.Lawyer@Harbour.example ",
      name: "Nia Lawyer",
      initialPassword: "twelve chars at least",
      functions: ["LEGAL", "COMPLIANCE"],
      roles: [],
    });
    expect(added).toMatchObject({
      email: "new.lawyer@harbour.example",
      functions: ["LEGAL", "COMPLIANCE"],
    });
    const user = await f.db.prisma.user.findUniqueOrThrow({
      where: { email: "new.lawyer@harbour.example" },
    });
    expect(user.passwordHash).not.toContain("twelve");
    expect(await verifyPassword("twelve chars at least", user.passwordHash!)).toBe(true);
  });

  it("add lets an existing account join without a password, and refuses a duplicate", async () => {
    const joined = await admin.members.add({
      organizationId: f.demo.organizationId,
      email: "owner@otherco.example",
      name: "ignored for existing accounts",
      roles: ["ANALYST"],
    });
    expect(joined.name).toBe("Olive Other");
    const again = await admin.members
      .add({ organizationId: f.demo.organizationId, email: "owner@otherco.example", name: "x" })
      .catch((e: unknown) => e);
    expect(again).toMatchObject({
      code: "CONFLICT",
      cause: { fieldErrors: { email: "is already a member" } },
    });
  });

  it("add asks for a password for someone with no account, and names the field", async () => {
    const error = await admin.members
      .add({ organizationId: f.demo.organizationId, email: "fresh@harbour.example", name: "Fresh" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      cause: { fieldErrors: { initialPassword: expect.any(String) } },
    });
    expect(
      await f.db.prisma.user.findUnique({ where: { email: "fresh@harbour.example" } }),
    ).toBeNull();
  });

  it("update sets functions and roles; the last admin cannot drop the role", async () => {
    const list = await admin.members.list({ organizationId: f.demo.organizationId });
    const product = list.find((m) => m.email === "product@harbour.example")!;
    const updated = await admin.members.update({
      organizationId: f.demo.organizationId,
      membershipId: product.membershipId,
      functions: ["PRODUCT", "MARKETING"],
      roles: ["COMMS_MANAGER"],
    });
    expect(updated).toMatchObject({
      functions: ["PRODUCT", "MARKETING"],
      roles: ["COMMS_MANAGER"],
    });

    const self = list.find((m) => m.email === "admin@harbour.example")!;
    const error = await admin.members
      .update({ organizationId: f.demo.organizationId, membershipId: self.membershipId, roles: [] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/at least one admin/),
    });
  });

  it("remove takes effect on the next call the removed person makes", async () => {
    const list = await admin.members.list({ organizationId: f.demo.organizationId });
    const target = list.find((m) => m.email === "analyst@harbour.example")!;
    await admin.members.remove({
      organizationId: f.demo.organizationId,
      membershipId: target.membershipId,
    });
    const fresh = await f.callerFor("analyst");
    expect(
      await outcome(() => fresh.communications.list({ organizationId: f.demo.organizationId })),
    ).toBe("NOT_FOUND");
    // …and the collaboration servers are told, so open editors close too.
    expect(f.accessChanges.at(-1)).toEqual({
      userId: target.userId,
      organizationId: f.demo.organizationId,
    });
  });

  it("a member id from another organisation is not found", async () => {
    const foreign = await f.db.prisma.membership.findFirstOrThrow({
      where: { organizationId: f.otherOrganizationId },
    });
    expect(
      await outcome(() =>
        admin.members.update({
          organizationId: f.demo.organizationId,
          membershipId: foreign.id,
          roles: [],
        }),
      ),
    ).toBe("NOT_FOUND");
  });
});
