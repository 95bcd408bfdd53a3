import { joinWithNewAccount, signInWithPassword } from "@conductor/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiCaller, type ApiFixture, createApiFixture, outcome } from "./testing";

describe("members procedures", () => {
  let f: ApiFixture;
  let admin: ApiCaller;
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

  it("add invites: the answer is the same for an address with an account and one without", async () => {
    const answers = await Promise.all(
      ["owner@otherco.example", "  Fresh.Person@Harbour.example "].map((email) =>
        admin.members.add({ organizationId: f.demo.organizationId, email, functions: ["LEGAL"] }),
      ),
    );
    const [existing, fresh] = answers.map(({ invitationId, token, email, expiresAt, ...rest }) => ({
      keys: Object.keys({ invitationId, token, email, expiresAt, ...rest }).sort(),
      rest,
      tokenLength: token.length,
    }));
    expect(existing).toEqual(fresh);
    expect(answers[1]!.email).toBe("fresh.person@harbour.example");
    // Nobody joined, and the other organisation's account is untouched.
    const other = await f.db.prisma.user.findUniqueOrThrow({
      where: { email: "owner@otherco.example" },
      include: { memberships: true },
    });
    expect(other.memberships.map((m) => m.organizationId)).toEqual([f.otherOrganizationId]);
    expect(other.name).toBe("Olive Other");
    expect(
      await f.db.prisma.user.findUnique({ where: { email: "fresh.person@harbour.example" } }),
    ).toBeNull();
    const pending = await admin.members.invitations({ organizationId: f.demo.organizationId });
    expect(pending.map((i) => i.email)).toEqual(
      expect.arrayContaining(["owner@otherco.example", "fresh.person@harbour.example"]),
    );
  });

  it("an invited person with an account joins by accepting the link while signed in", async () => {
    const { token } = await admin.members.add({
      organizationId: f.demo.organizationId,
      email: "owner@otherco.example",
      roles: ["ANALYST"],
    });
    const olive = await f.callerFor("outsider");
    expect(await olive.invitations.mine()).toEqual([
      expect.objectContaining({ organizationName: "Harbour Energy" }),
    ]);
    // Not anyone else signed in: the link names her address.
    expect(
      await outcome(async () => (await f.callerFor("legal")).invitations.accept({ token })),
    ).toBe("FORBIDDEN");
    await olive.invitations.accept({ token });
    // The actor is read per request: the next one sees her new membership.
    const oliveNow = await f.callerFor("outsider");
    const me = await oliveNow.viewer.me();
    expect(me.memberships.map((m) => m.organizationName).sort()).toEqual([
      "Harbour Energy",
      "Other Co",
    ]);
    expect(await oliveNow.invitations.mine()).toEqual([]);
    expect(await outcome(() => olive.invitations.accept({ token }))).toBe("NOT_FOUND");
    const again = await admin.members
      .add({ organizationId: f.demo.organizationId, email: "owner@otherco.example" })
      .catch((e: unknown) => e);
    expect(again).toMatchObject({
      code: "CONFLICT",
      cause: { fieldErrors: { email: "is already a member" } },
    });
  });

  it("a withdrawn invitation cannot be accepted", async () => {
    const { token, invitationId } = await admin.members.add({
      organizationId: f.demo.organizationId,
      email: "legal@harbour.example".replace("legal", "late"),
    });
    await admin.members.revokeInvitation({ organizationId: f.demo.organizationId, invitationId });
    const pending = await admin.members.invitations({ organizationId: f.demo.organizationId });
    expect(pending.some((i) => i.invitationId === invitationId)).toBe(false);
    expect(token.length).toBeGreaterThan(20);
  });

  it("sign out everywhere ends every session of the member and is audited", async () => {
    const product = f.demo.userIds.product;
    const session = await f.db.prisma.signInSession.create({
      data: { userId: product, expiresAt: new Date(Date.now() + 3_600_000) },
    });
    const { id: membershipId } = await f.db.prisma.membership.findFirstOrThrow({
      where: { organizationId: f.demo.organizationId, userId: product },
    });
    expect(
      await admin.members.signOutEverywhere({
        organizationId: f.demo.organizationId,
        membershipId,
      }),
    ).toEqual({ userId: product, sessions: 1 });
    const ended = await f.db.prisma.signInSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(ended.revokedAt).not.toBeNull();
    const entry = await f.db.prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: f.demo.organizationId },
      orderBy: { sequence: "desc" },
    });
    expect(JSON.parse(String(entry.payload))).toMatchObject({
      change: "signed-out-everywhere",
      userId: product,
    });
    // Another organisation's admin cannot reach this member.
    const outsider = await f.callerFor("outsider");
    expect(
      await outcome(() =>
        outsider.members.signOutEverywhere({ organizationId: f.otherOrganizationId, membershipId }),
      ),
    ).toBe("NOT_FOUND");
  });

  it("the pre-claim attack through the API: B's password never opens A", async () => {
    const email = "newhire@harbour.example";
    const b = await f.callerFor("outsider"); // the admin of Other Co
    const fromB = await b.members.add({ organizationId: f.otherOrganizationId, email });
    // B holds its own link and sets the account up with a password B chose.
    const joined = await joinWithNewAccount(f.db.prisma, {
      token: fromB.token,
      name: "Set up by B",
      password: "b chose this one",
    });
    const bMember = (await b.members.list({ organizationId: f.otherOrganizationId })).find(
      (m) => m.userId === joined.userId,
    )!;
    await b.members.remove({
      organizationId: f.otherOrganizationId,
      membershipId: bMember.membershipId,
    });
    const account = await f.db.prisma.user.findUniqueOrThrow({ where: { id: joined.userId } });

    // A adds the same person: an invitation, sent to the real newhire.
    await admin.members.add({ organizationId: f.demo.organizationId, email, functions: ["LEGAL"] });
    const signedIn = await signInWithPassword(f.db.prisma, {
      email,
      password: "b chose this one",
      address: "203.0.113.50",
    });
    const asB = await f.callerForUser(signedIn!.id);
    expect(await outcome(() => asB.invitations.accept({ token: fromB.token }))).toBe("NOT_FOUND");
    expect(
      await outcome(() => asB.communications.list({ organizationId: f.demo.organizationId })),
    ).toBe("NOT_FOUND");
    expect((await asB.viewer.me()).memberships).toEqual([]);
    expect(await f.db.prisma.user.findUniqueOrThrow({ where: { id: joined.userId } })).toEqual(
      account,
    );
  });

  it("B cannot add A's existing staff without them, nor change their account", async () => {
    const b = await f.callerFor("outsider");
    const before = await f.db.prisma.user.findUniqueOrThrow({
      where: { email: "legal@harbour.example" },
    });
    const { token } = await b.members.add({
      organizationId: f.otherOrganizationId,
      email: "legal@harbour.example",
      functions: ["MARKETING"],
    });
    expect(await outcome(() => b.invitations.accept({ token }))).toBe("FORBIDDEN");
    const taken = await joinWithNewAccount(f.db.prisma, {
      token,
      name: "Renamed",
      password: "b sets this password",
    }).catch((e: unknown) => e);
    expect(taken).toMatchObject({ code: "CONFLICT", reason: "ACCOUNT_EXISTS" });
    const after = await f.db.prisma.user.findUniqueOrThrow({
      where: { email: "legal@harbour.example" },
      include: { memberships: true },
    });
    expect(after.memberships.map((m) => m.organizationId)).toEqual([f.demo.organizationId]);
    expect({ name: after.name, passwordHash: after.passwordHash }).toEqual({
      name: before.name,
      passwordHash: before.passwordHash,
    });
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
