import type { OpenDatabase } from "@conductor/db";
import { createOrganizationWithMembers } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../actor";
import { endSignInSession } from "./end-sign-in-session";
import { isSignInSessionActive, loadSignedInActor } from "./sign-in-sessions";
import { signOutEverywhere } from "./sign-out-everywhere";
import { startSignInSession } from "./start-sign-in-session";

describe("sign-in sessions", () => {
  let db: OpenDatabase;
  let userId: string;
  let otherId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    ({
      userIds: [userId, otherId],
    } = await createOrganizationWithMembers(db.prisma, [[], []]));
  });
  afterAll(() => db.close());

  const active = (sessionId: string, who = userId, now?: Date) =>
    isSignInSessionActive(db.prisma, { sessionId, userId: who, now });

  it("lets its own user in until it is ended", async () => {
    const id = await startSignInSession(db.prisma, { userId, maxAgeSeconds: 3600 });
    expect(await active(id)).toBe(true);
    expect(await active(id, otherId)).toBe(false);
    await endSignInSession(db.prisma, id);
    expect(await active(id)).toBe(false);
  });

  it("expires with its maximum age", async () => {
    const id = await startSignInSession(db.prisma, { userId: otherId, maxAgeSeconds: 60 });
    expect(await active(id, otherId)).toBe(true);
    expect(await active(id, otherId, new Date(Date.now() + 61_000))).toBe(false);
  });

  it("sign out everywhere ends every session of that person and no one else's", async () => {
    const mine = await Promise.all(
      [1, 2].map(() => startSignInSession(db.prisma, { userId, maxAgeSeconds: 3600 })),
    );
    const theirs = await startSignInSession(db.prisma, { userId: otherId, maxAgeSeconds: 3600 });
    const result = await signOutEverywhere({
      db: db.prisma,
      actor: await loadActor(db.prisma, userId),
    });
    expect(result.sessions).toBe(2);
    for (const id of mine) expect(await active(id)).toBe(false);
    expect(await active(theirs, otherId)).toBe(true);
  });

  it("reads the person a live session lets in, with memberships, as loadActor does; no one otherwise", async () => {
    const id = await startSignInSession(db.prisma, { userId, maxAgeSeconds: 60 });
    const signedIn = (sessionId: string, who = userId, now?: Date) =>
      loadSignedInActor(db.prisma, { sessionId, userId: who, now });
    const actor = await signedIn(id);
    expect(actor).toEqual(await loadActor(db.prisma, userId));
    expect(actor?.memberships).toHaveLength(1);
    expect(await signedIn(id, otherId)).toBeNull();
    expect(await signedIn("no-such-session")).toBeNull();
    expect(await signedIn(id, userId, new Date(Date.now() + 61_000))).toBeNull();
    await endSignInSession(db.prisma, id);
    expect(await signedIn(id)).toBeNull();
  });
});
