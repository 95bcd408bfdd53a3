import type { OpenDatabase } from "@conductor/db";
import {
  createMember,
  createOrganization,
  createOrganizationWithMembers,
  createReleasedMessage,
} from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeOrganization } from "./analysis";
import { refreshCallDaily } from "./daily";
import { callSeries } from "./series";
import { explainEpisode, explainSpike, findSpikes, spikeEpisodes } from "./spikes";
import { suppressSmallCells } from "./suppression";

const DAY = 86_400_000;
const start = Date.UTC(2026, 0, 5); // a Monday
const dayOf = (i: number) => new Date(start + i * DAY);

/** Seeded Poisson draws, so every run sees the same series. */
function poissonSource(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return (mean: number) => {
    let k = 0;
    let p = Math.exp(-mean);
    let cumulative = p;
    const u = next();
    while (u > cumulative) {
      k++;
      p *= mean / k;
      cumulative += p;
    }
    return k;
  };
}

describe("call-volume analysis on the database", () => {
  let db: OpenDatabase;
  let organizationId: string;
  let ownerId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    ({
      organizationId,
      userIds: [ownerId],
    } = await createOrganizationWithMembers(db.prisma, [["COMMS_MANAGER"]]));
  });
  afterAll(() => db.close());

  /** A daily series for one reason: a base mean, plus extra calls on given days. */
  async function series(reason: string, days: number, base: number, extra: Map<number, number>) {
    const draw = poissonSource(reason.length * 7919);
    await db.prisma.callVolume.createMany({
      data: Array.from({ length: days }, (_, i) => ({
        organizationId,
        granularity: "DAY" as const,
        day: dayOf(i),
        reasonCode: reason,
        calls: draw(base + (extra.get(i) ?? 0)),
        importId: "test",
      })),
    });
    await refreshCallDaily(db.prisma, organizationId, "everything");
  }

  it("recovers an injected excess within its interval, per 1,000 recipients, with its lag profile", async () => {
    // 20 weeks of billing calls at 40 a day; an email sent on day 70 adds 30 a day for 7 days.
    const extra = new Map<number, number>(Array.from({ length: 7 }, (_, lag) => [70 + lag, 30]));
    // A second message sent on day 112 adds 15 a day: its window must not feed the first's baseline.
    for (let lag = 0; lag < 7; lag++) extra.set(112 + lag, 15);
    // A third message (its own reason, no effect) sent on day 91.
    await series("billing", 140, 40, extra);
    await series("moving", 140, 20, new Map());
    const first = await createReleasedMessage(db.prisma, {
      organizationId,
      ownerId,
      title: "Price change",
      channel: "EMAIL",
      recipients: 10_000,
      sendDates: [dayOf(70)],
      score: 55,
      reasons: ["billing"],
    });
    const rewrite = await createReleasedMessage(db.prisma, {
      organizationId,
      ownerId,
      communicationId: first.communication.id,
      channel: "EMAIL",
      recipients: 10_000,
      sendDates: [dayOf(112)],
      score: 80,
    });
    const quiet = await createReleasedMessage(db.prisma, {
      organizationId,
      ownerId,
      title: "Moving house reminder",
      channel: "LETTER",
      recipients: 5_000,
      sendDates: [dayOf(91)],
      score: 90,
      reasons: ["moving"],
    });
    const unmapped = await createReleasedMessage(db.prisma, {
      organizationId,
      ownerId,
      title: "No reasons",
      sendDates: [dayOf(100)],
    });

    const { releases, windows } = await analyzeOrganization(db.prisma, organizationId);
    expect(windows.EMAIL).toBe(7);
    const report = (id: string) => releases.find((r) => r.releaseId === id)!;

    const price = report(first.release.id);
    expect(price.evidence).toBe("directional");
    expect(price.daysMeasured).toBe(7);
    expect(price.excess!.low).toBeLessThan(210);
    expect(price.excess!.high).toBeGreaterThan(210);
    expect(price.excess!.low).toBeGreaterThan(0);
    expect(price.contactRate!.estimate).toBeCloseTo(price.excess!.estimate / 10, 10);
    expect(price.lagProfile.map((l) => l.lag)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const lag of price.lagProfile) expect(lag.excess).toBeGreaterThan(5);
    expect(price.topReasons[0]!.reason).toBe("billing");

    // The rewrite drove half the excess on as many recipients: the ratio's interval holds 0.5.
    const second = report(rewrite.release.id);
    expect(second.excess!.low).toBeLessThan(105);
    expect(second.excess!.high).toBeGreaterThan(105);
    expect(second.versusPredecessor!.releaseId).toBe(first.release.id);
    const ratio = second.versusPredecessor!.ratio!;
    expect(ratio.low).toBeLessThan(0.5);
    expect(ratio.high).toBeGreaterThan(0.5);
    expect(ratio.high).toBeLessThan(1);

    // No effect: the interval holds zero. A letter's window is 14 days.
    const moving = report(quiet.release.id);
    expect(moving.windowDays).toBe(14);
    expect(moving.excess!.low).toBeLessThan(0);
    expect(moving.excess!.high).toBeGreaterThan(0);

    expect(report(unmapped.release.id)).toMatchObject({ evidence: "no-reasons", excess: null });

    // The week of +30 a day shows as billing spikes, explained by the price-change email.
    const spikes = await findSpikes(db.prisma, organizationId, 4, 50);
    const billingDays = spikes
      .filter((s) => s.reason === "billing")
      .map((s) => Math.round((s.day.getTime() - start) / 86_400_000));
    expect(billingDays.filter((d) => d >= 70 && d < 77).length).toBeGreaterThanOrEqual(5);
    expect(spikes.filter((s) => s.reason === "moving")).toEqual([]);
    const first70 = spikes.find(
      (s) =>
        s.reason === "billing" &&
        s.day.getTime() >= dayOf(70).getTime() &&
        s.day.getTime() < dayOf(77).getTime(),
    )!;
    expect(explainSpike(releases, first70).map((m) => m.releaseId)).toEqual([first.release.id]);
    expect(explainSpike(releases, { reason: "billing", day: dayOf(30) })).toEqual([]);

    // The week's spike days are one episode, not one line each.
    const episodes = spikeEpisodes(spikes).filter(
      (e) => e.first.getTime() >= dayOf(70).getTime() && e.first.getTime() < dayOf(77).getTime(),
    );
    expect(episodes).toHaveLength(1);
    expect(episodes[0]!.days).toBe(billingDays.filter((d) => d >= 70 && d < 77).length);
    expect(explainEpisode(releases, episodes[0]!).map((m) => m.releaseId)).toEqual([
      first.release.id,
    ]);
  });

  it("groups spike days of a reason at most two days apart into one episode", () => {
    const spike = (reason: string, day: number, observed: number) => ({
      reason,
      day: dayOf(day),
      unit: "day" as const,
      observed,
      expected: 10,
      z: observed / 10,
    });
    const episodes = spikeEpisodes([
      spike("billing", 1, 40),
      spike("billing", 2, 60),
      spike("billing", 4, 30), // a quiet day between: still the same episode
      spike("billing", 8, 50), // four days on: a new one
      spike("moving", 2, 25),
    ]);
    expect(
      episodes.map((e) => [
        e.reason,
        (e.first.getTime() - start) / DAY,
        e.days,
        e.observed,
        e.peakZ,
      ]),
    ).toEqual([
      ["billing", 8, 1, 50, 5],
      ["billing", 1, 3, 130, 6],
      ["moving", 2, 1, 25, 2.5],
    ]);
  });

  it("compares a send with the customers held back, where the data tells the groups apart", async () => {
    // Its own organisation: segmented counts for one reason, 20,000 customers mailed and
    // 4,000 held back, each calling at 2 per 1,000 a day. The email adds 1.5 per 1,000 a
    // day for 7 days to the mailed group only: 10.5 calls per 1,000 over the window.
    const org = (await createOrganization(db.prisma)).id;
    const owner = (await createMember(db.prisma, { organizationId: org, roles: ["COMMS_MANAGER"] }))
      .user.id;
    const draw = poissonSource(2026);
    const rows = (reason: string, effect: number) =>
      Array.from({ length: 140 }, (_, i) => {
        const extra = i >= 70 && i < 77 ? effect : 0;
        return [
          { segment: "mailed", calls: draw(20_000 * (0.002 + extra)) },
          { segment: "held-out", calls: draw(4_000 * 0.002) },
        ].map((group) => ({
          organizationId: org,
          granularity: "DAY" as const,
          day: dayOf(i),
          reasonCode: reason,
          importId: "test",
          ...group,
        }));
      }).flat();
    await db.prisma.callVolume.createMany({
      data: [...rows("tariff", 0.0015), ...rows("meter", 0)],
    });
    await refreshCallDaily(db.prisma, org, "everything");
    const send = (title: string, reason: string) =>
      createReleasedMessage(db.prisma, {
        organizationId: org,
        ownerId: owner,
        title,
        channel: "EMAIL",
        recipients: 20_000,
        sendDates: [dayOf(70)],
        reasons: [reason],
      });
    const tariff = await send("New tariff", "tariff");
    const meter = await send("Meter reading", "meter");
    const baselineOnly = await send("No holdout", "tariff");
    for (const sent of [tariff, meter])
      await db.prisma.releaseHoldout.create({
        data: {
          releaseId: sent.release.id,
          sentSegment: "mailed",
          heldOutSegment: "held-out",
          heldOut: 4_000,
          setById: owner,
        },
      });

    const { releases } = await analyzeOrganization(db.prisma, org);
    const report = (id: string) => releases.find((r) => r.releaseId === id)!;

    const withEffect = report(tariff.release.id);
    expect(withEffect.evidence).toBe("holdout");
    const holdout = withEffect.holdout!;
    expect(holdout.daysWithData).toBe(7);
    expect(holdout.perThousand!.low).toBeLessThan(10.5);
    expect(holdout.perThousand!.high).toBeGreaterThan(10.5);
    expect(holdout.perThousand!.low).toBeGreaterThan(0);
    expect(holdout.ratio!.low).toBeGreaterThan(1);
    // The contact rate and the excess follow the holdout comparison.
    expect(withEffect.contactRate).toEqual(holdout.perThousand);
    expect(withEffect.excess!.estimate).toBeCloseTo(holdout.perThousand!.estimate * 20, 6);
    // Its own baseline (every segment summed) is still reported, as directional.
    expect(withEffect.directional!.low).toBeGreaterThan(0);

    // No effect: the difference's interval holds zero.
    const none = report(meter.release.id);
    expect(none.evidence).toBe("holdout");
    expect(none.holdout!.perThousand!.low).toBeLessThan(0);
    expect(none.holdout!.perThousand!.high).toBeGreaterThan(0);

    // A holdout over days with no call data is no evidence: the baseline speaks instead.
    const later = await send("After the data", "tariff");
    await db.prisma.release.update({
      where: { id: later.release.id },
      data: { sendDates: [dayOf(300)] },
    });
    await db.prisma.releaseHoldout.create({
      data: {
        releaseId: later.release.id,
        sentSegment: "mailed",
        heldOutSegment: "held-out",
        heldOut: 4_000,
        setById: owner,
      },
    });
    const afterData = (await analyzeOrganization(db.prisma, org)).releases.find(
      (r) => r.releaseId === later.release.id,
    )!;
    expect(afterData.evidence).toBe("insufficient-data");
    expect(afterData.holdout).toMatchObject({ daysWithData: 0, perThousand: null, ratio: null });

    // Without a holdout the same data gives directional evidence only.
    expect(report(baselineOnly.release.id)).toMatchObject({
      evidence: "directional",
      holdout: null,
    });

    // A held-back group with 1 to 10 calls is hidden, and so is everything that would give it back.
    const shown = suppressSmallCells({
      ...withEffect,
      holdout: { ...holdout, heldOutCalls: 7 },
    });
    expect(shown.holdout!.heldOutCalls).toBeNaN();
    expect(shown.holdout!.perThousand).toBeNull();
    expect(shown.contactRate).toBeNull();
    expect(shown.excess).toBeNull();
    expect(shown.suppressed).toBe(true);
  });

  it("measures reasons counted by the week in whole weeks, and charts them", async () => {
    // 20 weeks of weekly counts for "bills" near 280 a week; a letter sent on the
    // Wednesday of week 12 adds 210 calls that week and 140 the next. Daily counts for
    // "moves" in the same organisation keep being measured by the day.
    const org = (await createOrganization(db.prisma)).id;
    const owner = (await createMember(db.prisma, { organizationId: org, roles: ["ANALYST"] })).user
      .id;
    const draw = poissonSource(77);
    const effect = new Map([
      [12, 210],
      [13, 140],
    ]);
    await db.prisma.callVolume.createMany({
      data: [
        ...Array.from({ length: 20 }, (_, week) => ({
          organizationId: org,
          granularity: "WEEK" as const,
          day: dayOf(week * 7),
          reasonCode: "bills",
          calls: draw(280 + (effect.get(week) ?? 0)),
          importId: "test",
        })),
        ...Array.from({ length: 140 }, (_, i) => ({
          organizationId: org,
          granularity: "DAY" as const,
          day: dayOf(i),
          reasonCode: "moves",
          calls: draw(30),
          importId: "test",
        })),
      ],
    });
    await refreshCallDaily(db.prisma, org, "everything");
    const letter = await createReleasedMessage(db.prisma, {
      organizationId: org,
      ownerId: owner,
      title: "Annual statement",
      channel: "LETTER",
      recipients: 50_000,
      sendDates: [dayOf(12 * 7 + 2)],
      reasons: ["bills", "moves"],
    });
    const { releases } = await analyzeOrganization(db.prisma, org);
    const report = releases.find((r) => r.releaseId === letter.release.id)!;
    expect(report.evidence).toBe("directional");
    // A 14-day window from a Wednesday overlaps three weeks (12, 13 and 14).
    expect(report).toMatchObject({ weeksInWindow: 3, weeksMeasured: 3, lagUnit: "day" });
    expect(report.daysInWindow).toBe(14);
    const bills = report.topReasons.find((t) => t.reason === "bills")!;
    expect(bills.excess).toBeGreaterThan(200);
    expect(report.excess!.low).toBeLessThan(350);
    expect(report.excess!.high).toBeGreaterThan(350);
    expect(report.excess!.low).toBeGreaterThan(0);
    // The weekly reason alone: the lag profile steps by week.
    await db.prisma.communicationCallReason.deleteMany({
      where: { communicationId: letter.communication.id, reasonCode: "moves" },
    });
    const weekly = (await analyzeOrganization(db.prisma, org)).releases[0]!;
    expect(weekly.lagUnit).toBe("week");
    expect(weekly.lagProfile.map((l) => l.lag)).toEqual([0, 1, 2]);
    expect(weekly.lagProfile[0]!.excess).toBeGreaterThan(100);

    const actor = {
      userId: owner,
      name: "Analyst",
      email: "analyst@example.com",
      memberships: [{ organizationId: org, roles: ["ANALYST" as const], functions: [] }],
    };
    const ctx = { db: db.prisma, actor } as unknown as Parameters<typeof callSeries>[0];
    const series = await callSeries(ctx, org);
    expect(series.bucket).toBe("week");
    expect(series.reasons.sort()).toEqual(["bills", "moves"]);
    expect(series.points).toHaveLength(20);
    const week3 = series.points.find((p) => p.t === dayOf(21).getTime())!;
    expect(week3.moves).toBeGreaterThan(150);
    expect(week3.bills).toBeGreaterThan(200);
  });

  it("says when the data does not cover the window, and honours the organisation's window", async () => {
    const late = await createReleasedMessage(db.prisma, {
      organizationId,
      ownerId,
      title: "After the data ends",
      channel: "SMS",
      sendDates: [dayOf(400)],
      reasons: ["billing"],
    });
    await db.prisma.organization.update({
      where: { id: organizationId },
      data: { attributionDays: { SMS: 5, EMAIL: "not a number" } },
    });
    const { releases, windows } = await analyzeOrganization(db.prisma, organizationId);
    expect(windows).toMatchObject({ SMS: 5, EMAIL: 7 });
    expect(releases.find((r) => r.releaseId === late.release.id)).toMatchObject({
      evidence: "insufficient-data",
      windowDays: 5,
      daysInWindow: 5,
      daysMeasured: 0,
      excess: null,
    });
  });
});
