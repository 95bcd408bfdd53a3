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
  beforeAll(async () => {
    db = await createTestDatabase();
    organizationId = (await createOrganization(db.prisma)).id;
    await createMember(db.prisma, {
      organizationId,
      email: "ruth@bank.test",
      password: "a long enough password",
    });
  });
  afterAll(() => db.close());

  it("accepts the right password, case-insensitively on the email", async () => {
    const user = await signInWithPassword(db.prisma, {
      email: " Ruth@Bank.test ",
      password: "a long enough password",
      address: "10.0.0.1",
    });
    expect(user?.email).toBe("ruth@bank.test");
  });

  it("returns null for a wrong password and for an unknown email", async () => {
    expect(
      await signInWithPassword(db.prisma, {
        email: "ruth@bank.test",
        password: "nope",
        address: "10.0.0.2",
      }),
    ).toBeNull();
    expect(
      await signInWithPassword(db.prisma, {
        email: "nobody@bank.test",
        password: "nope",
        address: "10.0.0.2",
      }),
    ).toBeNull();
  });

  it("locks an email after too many failures, even with the right password", async () => {
    const email = "locked@bank.test";
    await createMember(db.prisma, { organizationId, email, password: "the right password" });
    for (let i = 0; i < signInLimits.perEmail; i++) {
      expect(
        await signInWithPassword(db.prisma, { email, password: "wrong", address: `10.1.0.${i}` }),
      ).toBeNull();
    }
    const attempt = signInWithPassword(db.prisma, {
      email,
      password: "the right password",
      address: "10.1.1.1",
    });
    await expect(attempt).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
  });

  it("lets the email in again once the window has passed", async () => {
    const later = new Date(Date.now() + (signInLimits.windowMinutes + 1) * 60_000);
    const user = await signInWithPassword(db.prisma, {
      email: "locked@bank.test",
      password: "the right password",
      address: "10.1.1.1",
      now: later,
    });
    expect(user?.email).toBe("locked@bank.test");
  });

  it("links an SSO identity to a member with the same email, and only to a member", async () => {
    await createMember(db.prisma, { organizationId, email: "sso@bank.test" });
    const first = await signInWithIdentityProvider(db.prisma, {
      provider: "oidc",
      providerAccountId: "sub-1",
      email: "SSO@bank.test",
    });
    expect(first?.email).toBe("sso@bank.test");
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
