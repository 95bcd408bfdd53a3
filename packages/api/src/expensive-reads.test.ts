import type { OpenDatabase } from "@conductor/db";
import { createOrganizationWithMembers } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiContext } from "./context";
import { EXPENSIVE_READS } from "./expensive-reads";
import { appRouter } from "./root";
import { createCallerFactory, protectedProcedure, router } from "./trpc";

/**
 * Procedures at the analytics paths whose answers the test releases when it
 * likes, so "in flight" is a state the test holds, not a race it hopes for.
 */
const held: (() => void)[] = [];
const heldAnswer = () =>
  new Promise<string>((resolve) => {
    held.push(() => resolve("answered"));
  });
const analyticsLike = router({
  calls: router({
    dashboard: protectedProcedure.query(heldAnswer),
    series: protectedProcedure.query(heldAnswer),
    analysis: protectedProcedure.query(heldAnswer),
    settings: protectedProcedure.query(heldAnswer),
  }),
});
const callerOf = createCallerFactory(analyticsLike);

/** Lets every pending procedure reach its handler. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("the cost one member can put on the server", () => {
  let db: OpenDatabase;
  let analystId: string;
  let colleagueId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    ({
      userIds: [analystId, colleagueId],
    } = await createOrganizationWithMembers(db.prisma, [["ANALYST"], ["ANALYST"]]));
  });
  afterAll(() => db.close());

  const callerFor = async (userId: string) =>
    callerOf(
      await createApiContext({
        db: db.prisma,
        userId,
        collabSecret: "test",
        collab: { accessChanged: async () => {}, reviewChanged: async () => {} },
      }),
    );

  it("two analytics reads in flight per member, two more wait their turn, a fifth is refused at once", async () => {
    const analyst = await callerFor(analystId);
    const colleague = await callerFor(colleagueId);
    const first = analyst.calls.dashboard();
    const second = analyst.calls.series();
    await settle();
    expect(held).toHaveLength(2);
    // The page opened again while the first is loading: it waits, it is not refused.
    const third = analyst.calls.dashboard();
    const fourth = analyst.calls.series();
    await settle();
    expect(held).toHaveLength(2);
    const fifth = analyst.calls.analysis();
    await expect(fifth).rejects.toBeInstanceOf(TRPCError);
    await expect(fifth).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message:
        "You already have 2 analytics reports loading. Wait for them to finish, then try again.",
    });
    // Another member, and the member's cheap reads, are not held up.
    const others = [colleague.calls.dashboard(), analyst.calls.settings()];
    await settle();
    expect(held).toHaveLength(4);
    // Finishing the first two lets the waiting two in, never more than two at once.
    for (const release of held.splice(0)) release();
    expect(await Promise.all([first, second, ...others])).toEqual([
      "answered",
      "answered",
      "answered",
      "answered",
    ]);
    await settle();
    expect(held).toHaveLength(2);
    for (const release of held.splice(0)) release();
    expect(await Promise.all([third, fourth])).toEqual(["answered", "answered"]);
  });

  it("a refused or failed read gives its slot back", async () => {
    const analyst = await callerFor(analystId);
    const failing = createCallerFactory(
      router({
        calls: router({
          dashboard: protectedProcedure.query(() => {
            throw new Error("the analysis failed");
          }),
        }),
      }),
    )(
      await createApiContext({
        db: db.prisma,
        userId: analystId,
        collabSecret: "test",
        collab: { accessChanged: async () => {}, reviewChanged: async () => {} },
      }),
    );
    for (let i = 0; i < 3; i++) await expect(failing.calls.dashboard()).rejects.toThrow();
    const reads = [analyst.calls.dashboard(), analyst.calls.series()];
    await settle();
    expect(held).toHaveLength(2);
    for (const release of held.splice(0)) release();
    expect(await Promise.all(reads)).toEqual(["answered", "answered"]);
  });

  it("names procedures the API really has", () => {
    const procedures = Object.keys(appRouter._def.procedures);
    for (const path of EXPENSIVE_READS) expect(procedures).toContain(path);
  });
});
