import type { OpenDatabase } from "@conductor/db";
import { createMember, createOrganization, createReleasedMessage } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeOrganization } from "./analysis";
import { refreshCallDaily } from "./daily";
import { explainSpike, findSpikes } from "./spikes";

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
    organizationId = (await createOrganization(db.prisma)).id;
    ownerId = (await createMember(db.prisma, { organizationId, roles: ["COMMS_MANAGER"] })).user.id;
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
