import type { OpenDatabase } from "@conductor/db";
import { createMember, createOrganization } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { signInWithIdentityProvider } from "./sign-in-with-identity-provider";
import { signInLimits, signInWithPassword } from "./sign-in-with-password";

describe("signing in", () => {
  let db: OpenDatabase;
  let organizationId: string;
  const password = "a long enough password";
  const member = async (email: string) =>
    createMember(db.prisma, { organizationId, email, password });
  const attempt = (email: string, secret: string, address: string | null, limits = signInLimits) =>
    signInWithPassword(db.prisma, { email, password: secret, address }, limits);
  const outcome = (run: Promise<unknown>) =>
    run.then(
      (user) => (user ? "in" : "wrong"),
      (error: unknown) => (error instanceof AppError ? error.code : Promise.reject(error)),
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    organizationId = (await createOrganization(db.prisma)).id;
    await member("ruth@bank.test");
  });
  afterAll(() => db.close());

  it("accepts the right password, case-insensitively on the email", async () => {
    const user = await attempt(" Ruth@Bank.test ", password, "10.0.0.1");
    expect(user?.email).toBe("ruth@bank.test");
  });

  it("returns null for a wrong password and for an unknown email", async () => {
    expect(await attempt("ruth@bank.test", "nope", "10.0.0.2")).toBeNull();
    expect(await attempt("nobody@bank.test", "nope", "10.0.0.2")).toBeNull();
  });

  it("makes one address wait longer after each wrong password beyond a few, for that email", async () => {
    const email = "guessed@bank.test";
    await member(email);
    for (let i = 0; i < signInLimits.freeFailuresPerAddressAndEmail; i++)
      expect(await outcome(attempt(email, `wrong ${i}`, "10.1.0.1"))).toBe("wrong");
    // The first wait is one second; even the right password waits it out here…
    expect(await outcome(attempt(email, password, "10.1.0.1"))).toBe("RATE_LIMITED");
    // …while the owner, elsewhere, is let straight in.
    expect(await outcome(attempt(email, password, "10.1.0.2"))).toBe("in");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await outcome(attempt(email, "wrong again", "10.1.0.1"))).toBe("wrong");
    // The next wait has doubled.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await outcome(attempt(email, password, "10.1.0.1"))).toBe("RATE_LIMITED");
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await outcome(attempt(email, password, "10.1.0.1"))).toBe("in");
    // A success clears that address's count.
    expect(await outcome(attempt(email, "one slip", "10.1.0.1"))).toBe("wrong");
    expect(await outcome(attempt(email, password, "10.1.0.1"))).toBe("in");
  }, 20_000);

  it("never locks the owner out: many failures from many addresses only slow the email down", async () => {
    const email = "target@bank.test";
    await member(email);
    const limits = {
      ...signInLimits,
      failuresPerEmailBeforeSlowing: 4,
      slowdownMs: 2000,
      maxSlowdownMs: 2000,
    };
    // An address the owner has used before.
    expect(await outcome(attempt(email, password, "192.0.2.10", limits))).toBe("in");
    for (let i = 0; i < 8; i++)
      expect(await outcome(attempt(email, "guess", `198.51.100.${i}`, limits))).toBe("wrong");
    const fromNew = Date.now();
    expect(await outcome(attempt(email, password, "203.0.113.5", limits))).toBe("in");
    expect(Date.now() - fromNew).toBeGreaterThanOrEqual(2000);
    const fromKnown = Date.now();
    expect(await outcome(attempt(email, password, "192.0.2.10", limits))).toBe("in");
    expect(Date.now() - fromKnown).toBeLessThan(2000);
  }, 20_000);

  it("refuses an address that sprays failures over many emails, and no one else", async () => {
    await member("bystander@bank.test");
    const limits = { ...signInLimits, failuresPerAddressPerHour: 5 };
    for (let i = 0; i <= 5; i++)
      expect(await outcome(attempt(`spray${i}@bank.test`, "guess", "10.9.9.9", limits))).toBe(
        "wrong",
      );
    expect(await outcome(attempt("bystander@bank.test", password, "10.9.9.9", limits))).toBe(
      "RATE_LIMITED",
    );
    expect(await outcome(attempt("bystander@bank.test", password, "10.9.9.10", limits))).toBe("in");
  });

  it("keeps clients of unknown address apart: their failures lock nobody out", async () => {
    const email = "unknown-address@bank.test";
    await member(email);
    for (let i = 0; i < 6; i++) expect(await outcome(attempt(email, "guess", null))).toBe("wrong");
    expect(await outcome(attempt(email, password, null))).toBe("in");
    expect(await outcome(attempt("ruth@bank.test", password, null))).toBe("in");
  });

  it("shares its counts through the database, so every web process sees them", async () => {
    const rows = await db.prisma.signInThrottle.findMany({
      where: { key: { startsWith: "pair" } },
    });
    expect(rows.length).toBeGreaterThan(0);
  });

  it("links an SSO identity to a member with the same email, and only to a member; the provider then replaces the password", async () => {
    await createMember(db.prisma, { organizationId, email: "sso@bank.test", password });
    const session = await db.prisma.signInSession.create({
      data: {
        userId: (await db.prisma.user.findUniqueOrThrow({ where: { email: "sso@bank.test" } })).id,
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    const first = await signInWithIdentityProvider(db.prisma, {
      provider: "oidc",
      providerAccountId: "sub-1",
      email: "SSO@bank.test",
    });
    expect(first?.email).toBe("sso@bank.test");
    // Whoever set the password before (not necessarily the owner) is shut out.
    expect(await attempt("sso@bank.test", password, "10.5.5.5")).toBeNull();
    const ended = await db.prisma.signInSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(ended.revokedAt).not.toBeNull();
    const again = await signInWithIdentityProvider(db.prisma, {
      provider: "oidc",
      providerAccountId: "sub-1",
      email: null,
    });
    expect(again?.id).toBe(first?.id);
    expect(
      await signInWithIdentityProvider(db.prisma, {
        provider: "oidc",
        providerAccountId: "sub-2",
        email: "stranger@bank.test",
      }),
    ).toBeNull();
  });
});
