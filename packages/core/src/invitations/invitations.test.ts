import type { OpenDatabase } from "@conductor/db";
import { createMember, createOrganization } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../actor";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { signInWithPassword } from "../identity/sign-in-with-password";
import { removeMember } from "../members/remove-member";
import { acceptInvitation } from "./accept-invitation";
import { describeInvitation } from "./describe-invitation";
import { inviteMember } from "./invite-member";
import { joinWithNewAccount } from "./join-with-new-account";
import { myInvitations } from "./my-invitations";
import { revokeInvitation } from "./revoke-invitation";
import { INVITATION_DAYS } from "./token";

const refusal = (run: Promise<unknown>) =>
  run.then(
    () => "ok",
    (error: unknown) =>
      error instanceof AppError ? (error.reason ?? error.code) : Promise.reject(error),
  );

describe("invitations: joining an organisation takes the person's own consent", () => {
  let db: OpenDatabase;
  let orgA: string;
  let orgB: string;
  let adminA: UseCaseContext;
  let adminB: UseCaseContext;
  const as = async (userId: string): Promise<UseCaseContext> => ({
    db: db.prisma,
    actor: await loadActor(db.prisma, userId),
  });
  const membershipsOf = (email: string) =>
    db.prisma.membership.findMany({ where: { user: { email } }, select: { organizationId: true } });

  beforeAll(async () => {
    db = await createTestDatabase();
    orgA = (await createOrganization(db.prisma, { name: "Bank A" })).id;
    orgB = (await createOrganization(db.prisma, { name: "Bank B" })).id;
    const a = await createMember(db.prisma, { organizationId: orgA, roles: ["ADMIN"] });
    const b = await createMember(db.prisma, { organizationId: orgB, roles: ["ADMIN"] });
    adminA = await as(a.user.id);
    adminB = await as(b.user.id);
  });
  afterAll(() => db.close());

  it("the pre-claim attack fails: an account another organisation set up never gets into A", async () => {
    const email = "newhire@a.example";
    // B invites A's future hire and, holding its own link, sets the account up with B's password.
    const fromB = await inviteMember(adminB, {
      organizationId: orgB,
      email,
      functions: [],
      roles: [],
    });
    await joinWithNewAccount(db.prisma, {
      token: fromB.token,
      name: "Set up by B",
      password: "b chose this password",
    });
    const account = await db.prisma.user.findUniqueOrThrow({ where: { email } });
    const bMembership = await db.prisma.membership.findFirstOrThrow({
      where: { userId: account.id },
    });
    await removeMember(adminB, { organizationId: orgB, membershipId: bMembership.id });
    // Removing the membership leaves the global account as it was.
    expect(await db.prisma.user.findUniqueOrThrow({ where: { email } })).toEqual(account);

    // A invites the same address; its admin sends the link to the real person.
    const fromA = await inviteMember(adminA, {
      organizationId: orgA,
      email,
      functions: ["LEGAL"],
      roles: [],
    });
    // Signed in with B's password, the account sees that A invited it…
    const user = await signInWithPassword(db.prisma, {
      email,
      password: "b chose this password",
      address: "203.0.113.9",
    });
    const bAsNewhire = await as(user!.id);
    expect(await myInvitations(bAsNewhire)).toEqual([
      expect.objectContaining({ organizationName: "Bank A" }),
    ]);
    // …but joining needs A's link: B's own used link does not do it.
    expect(await refusal(acceptInvitation(bAsNewhire, { token: fromB.token }))).toBe(
      "INVITATION_UNUSABLE",
    );
    expect(await membershipsOf(email)).toEqual([]);
    // The real person, with A's link, cannot take over the account B set up either:
    // its password and name are not A's to set.
    expect(
      await refusal(
        joinWithNewAccount(db.prisma, {
          token: fromA.token,
          name: "Real",
          password: "mine, really",
        }),
      ),
    ).toBe("ACCOUNT_EXISTS");
    expect(await db.prisma.user.findUniqueOrThrow({ where: { email } })).toEqual(account);
    // A's link is still good for whoever A gave it to (the account holder, once signed in).
    expect(await describeInvitation(db.prisma, fromA.token)).toMatchObject({
      organizationName: "Bank A",
      email,
    });
  });

  it("an admin learns nothing about an existing account from inviting it, and changes nothing", async () => {
    const staff = await createMember(db.prisma, {
      organizationId: orgA,
      email: "alice@a.example",
      name: "Alice of A",
      password: "alice's own password",
    });
    const before = await db.prisma.user.findUniqueOrThrow({ where: { id: staff.user.id } });
    const now = new Date();
    const existing = await inviteMember(
      adminB,
      { organizationId: orgB, email: "alice@a.example", functions: ["MARKETING"], roles: [] },
      now,
    );
    const fresh = await inviteMember(
      adminB,
      { organizationId: orgB, email: "nobody-yet@a.example", functions: ["MARKETING"], roles: [] },
      now,
    );
    const shape = (answer: typeof existing) => ({
      ...answer,
      invitationId: "id",
      token: "token",
      email: "email",
    });
    expect(shape(existing)).toEqual(shape(fresh));
    expect(await describeInvitation(db.prisma, existing.token)).toEqual({
      organizationName: "Bank B",
      email: "alice@a.example",
      expiresAt: existing.expiresAt,
    });

    // B cannot add her: not by its link signed out, not signed in as itself.
    expect(
      await refusal(
        joinWithNewAccount(db.prisma, {
          token: existing.token,
          name: "Renamed by B",
          password: "b sets alice's password",
        }),
      ),
    ).toBe("ACCOUNT_EXISTS");
    expect(await refusal(acceptInvitation(adminB, { token: existing.token }))).toBe(
      "INVITATION_FOR_ANOTHER_EMAIL",
    );
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: staff.user.id } })).toEqual(
      before,
    );
    expect(await membershipsOf("alice@a.example")).toEqual([{ organizationId: orgA }]);

    // Alice, signed in, accepts with the link B sent her: now she is in B, with the access B chose.
    const alice = await as(staff.user.id);
    expect(await acceptInvitation(alice, { token: existing.token })).toMatchObject({
      organizationId: orgB,
      organizationName: "Bank B",
    });
    const joined = await db.prisma.membership.findFirstOrThrow({
      where: { organizationId: orgB, userId: staff.user.id },
    });
    expect(joined.functions).toEqual(["MARKETING"]);
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: staff.user.id } })).toEqual(
      before,
    );
    const audit = await db.prisma.auditEvent.findFirst({
      where: { organizationId: orgB, actorId: staff.user.id },
      orderBy: { sequence: "desc" },
    });
    expect(JSON.parse(String(audit?.payload))).toMatchObject({
      change: "joined",
      invitationId: existing.invitationId,
    });
  });

  it("a new person sets their own name and password, and the link then stops working", async () => {
    const invitation = await inviteMember(adminA, {
      organizationId: orgA,
      email: "brand.new@a.example",
      functions: ["COMPLIANCE"],
      roles: [],
    });
    const joined = await joinWithNewAccount(db.prisma, {
      token: invitation.token,
      name: "Brand New",
      password: "my very own password",
    });
    expect(joined).toMatchObject({ email: "brand.new@a.example", organizationName: "Bank A" });
    const user = await signInWithPassword(db.prisma, {
      email: "brand.new@a.example",
      password: "my very own password",
      address: "203.0.113.10",
    });
    expect(user?.id).toBe(joined.userId);
    expect(await membershipsOf("brand.new@a.example")).toEqual([{ organizationId: orgA }]);
    expect(
      await refusal(
        joinWithNewAccount(db.prisma, {
          token: invitation.token,
          name: "x",
          password: "another one!!",
        }),
      ),
    ).toBe("INVITATION_UNUSABLE");
    expect(
      await refusal(acceptInvitation(await as(joined.userId), { token: invitation.token })),
    ).toBe("INVITATION_UNUSABLE");
  });

  it("refuses expired, withdrawn, replaced and made-up links", async () => {
    const invite = (email: string) =>
      inviteMember(adminA, { organizationId: orgA, email, functions: [], roles: [] });
    const expired = await invite("late@a.example");
    const later = new Date(Date.now() + (INVITATION_DAYS * 24 + 1) * 3_600_000);
    expect(
      await refusal(
        joinWithNewAccount(
          db.prisma,
          { token: expired.token, name: "Late", password: "a long enough one" },
          later,
        ),
      ),
    ).toBe("INVITATION_UNUSABLE");

    const withdrawn = await invite("withdrawn@a.example");
    await revokeInvitation(adminA, { organizationId: orgA, invitationId: withdrawn.invitationId });
    expect(await refusal(describeInvitation(db.prisma, withdrawn.token))).toBe(
      "INVITATION_UNUSABLE",
    );

    const first = await invite("twice@a.example");
    await invite("twice@a.example");
    expect(await refusal(describeInvitation(db.prisma, first.token))).toBe("INVITATION_UNUSABLE");
    expect(await refusal(describeInvitation(db.prisma, "made-up-token-made-up-token"))).toBe(
      "INVITATION_UNUSABLE",
    );
    // Another organisation's admin cannot withdraw it.
    const mine = await invite("kept@a.example");
    expect(
      await refusal(
        revokeInvitation(adminB, { organizationId: orgA, invitationId: mine.invitationId }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await refusal(
        revokeInvitation(adminB, { organizationId: orgB, invitationId: mine.invitationId }),
      ),
    ).toBe("NOT_FOUND");
  });

  it("inviting someone who is already a member of this organisation says so", async () => {
    const member = await createMember(db.prisma, { organizationId: orgA, email: "here@a.example" });
    expect(
      await refusal(
        inviteMember(adminA, {
          organizationId: orgA,
          email: member.user.email,
          functions: [],
          roles: [],
        }),
      ),
    ).toBe("CONFLICT");
  });
});
