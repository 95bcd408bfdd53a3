import type { OpenDatabase } from "@conductor/db";
import { createOrganizationWithMembers } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../actor";
import { callSeriesFilterSchema } from "../schemas/call-series";
import { refreshCallDaily } from "./daily";
import { callDataExtent, SPIKE_SEARCH_DAYS, spikeSearchRange } from "./extent";
import { callSeries } from "./series";
import { findSpikes, searchSpikes, spikeEpisodes } from "./spikes";

const DAY = 86_400_000;
const start = Date.UTC(2025, 0, 6); // a Monday
const dayOf = (i: number) => new Date(start + i * DAY);
const iso = (i: number) => dayOf(i).toISOString().slice(0, 10);

// 280 days of two daily reasons (billing at 100 a day, moving at 40, with a
// fixed wobble) and, in a second organisation, 20 weeks of a reason counted
// by the week (about 200 a week, 600 in weeks 14 and 15).
describe("the chart's view: date range, reasons, and weekly spikes", () => {
  let db: OpenDatabase;
  let daily: string;
  let weekly: string;
  let ctx: Parameters<typeof callSeries>[0];
  let weeklyCtx: Parameters<typeof callSeries>[0];
  beforeAll(async () => {
    db = await createTestDatabase();
    const one = await createOrganizationWithMembers(db.prisma, [["ANALYST"]]);
    const two = await createOrganizationWithMembers(db.prisma, [["ANALYST"]]);
    daily = one.organizationId;
    weekly = two.organizationId;
    const wobble = (i: number) => ((i * 7919) % 11) - 5;
    await db.prisma.callVolume.createMany({
      data: Array.from({ length: 280 }, (_, i) => [
        { reasonCode: "billing", calls: 100 + wobble(i) },
        { reasonCode: "moving", calls: 40 + wobble(i + 3) },
      ])
        .flatMap((pair, i) =>
          pair.map((r) => ({
            ...r,
            organizationId: daily,
            granularity: "DAY" as const,
            day: dayOf(i),
          })),
        )
        .map((r) => ({ ...r, importId: "test" })),
    });
    await refreshCallDaily(db.prisma, daily, "everything");
    await db.prisma.callVolume.createMany({
      data: Array.from({ length: 20 }, (_, w) => ({
        organizationId: weekly,
        granularity: "WEEK" as const,
        day: dayOf(7 * w),
        reasonCode: "helpline",
        calls: w === 14 || w === 15 ? 600 : 200 + wobble(w),
        importId: "test",
      })),
    });
    ctx = { db: db.prisma, actor: await loadActor(db.prisma, one.userIds[0]!) };
    weeklyCtx = { db: db.prisma, actor: await loadActor(db.prisma, two.userIds[0]!) };
  });
  afterAll(() => db.close());

  it("draws the whole history by the week, and a range of two months by the day", async () => {
    const all = await callSeries(ctx, daily);
    expect(all.bucket).toBe("week");
    expect(all.extent).toEqual({ first: start, last: dayOf(279).getTime() });
    expect(all.points).toHaveLength(40);
    expect(all.points[0]!.billing).toBe(
      Array.from({ length: 7 }, (_, i) => 100 + (((i * 7919) % 11) - 5)).reduce((a, b) => a + b),
    );

    const two = await callSeries(ctx, daily, { from: iso(100), to: iso(159) });
    expect(two.bucket).toBe("day");
    expect(two.range).toEqual({ first: dayOf(100).getTime(), last: dayOf(159).getTime() });
    expect(two.points.map((p) => p.t)).toEqual(
      Array.from({ length: 60 }, (_, i) => dayOf(100 + i).getTime()),
    );
    expect(two.reasons).toEqual(["billing", "moving"]);
  });

  it("counts whole weeks when a long range starts mid-week, and draws only the reasons chosen", async () => {
    // Day 3 is a Thursday: its week starts on day 0 and is counted whole.
    const long = await callSeries(ctx, daily, { from: iso(3), to: iso(250), reasons: ["moving"] });
    expect(long.bucket).toBe("week");
    expect(long.reasons).toEqual(["moving"]);
    expect(long.points[0]).toEqual({
      t: start,
      moving: Array.from({ length: 7 }, (_, i) => 40 + ((((i + 3) * 7919) % 11) - 5)).reduce(
        (a, b) => a + b,
      ),
    });
    expect(long.points.every((p) => !("billing" in p) && !("other" in p))).toBe(true);
    // After the data ends: nothing to draw, and the extent still says where the data is.
    const after = await callSeries(ctx, daily, { from: "2030-01-01" });
    expect(after.points).toEqual([]);
    expect(after.extent?.last).toBe(dayOf(279).getTime());
  });

  it("raises spikes from weekly counts, and joins weeks that follow each other", async () => {
    expect((await callDataExtent(db.prisma, weekly))?.weekly).toBe(true);
    const spikes = await findSpikes(db.prisma, weekly, 4, 50);
    expect(spikes.map((s) => [s.unit, s.day.getTime()])).toEqual([
      ["week", dayOf(7 * 15).getTime()],
      ["week", dayOf(7 * 14).getTime()],
    ]);
    const [episode] = spikeEpisodes(spikes);
    expect(episode).toMatchObject({ unit: "week", days: 2, observed: 1200 });
    // The chart draws the same weeks.
    const series = await callSeries(weeklyCtx, weekly);
    expect(series.bucket).toBe("week");
    expect(series.points.find((p) => p.t === dayOf(98).getTime())?.helpline).toBe(600);
  });

  it("searches at most the last two years of the view for spikes, and only its reasons", async () => {
    const extent = { first: Date.UTC(2014, 0, 1), last: Date.UTC(2025, 11, 31), weekly: false };
    const range = spikeSearchRange(extent, {})!;
    expect((range.last - range.first) / DAY + 1).toBe(SPIKE_SEARCH_DAYS);
    expect(range.last).toBe(extent.last + 6 * DAY);
    expect(spikeSearchRange(extent, { from: "2019-01-01", to: "2019-03-31" })).toEqual({
      first: Date.UTC(2019, 0, 1),
      last: Date.UTC(2019, 2, 31),
    });
    expect(spikeSearchRange(extent, { from: "2030-01-01" })).toBeNull();
    // In the view's range and reasons only.
    const found = await searchSpikes(db.prisma, weekly, { to: iso(7 * 13) });
    expect(found.episodes).toEqual([]);
    expect((await searchSpikes(db.prisma, weekly, { reasons: ["other"] })).episodes).toEqual([]);
    expect(
      (await searchSpikes(db.prisma, weekly, { reasons: ["helpline"] })).episodes,
    ).toHaveLength(1);
  });

  it("refuses impossible days, ranges out of order or out of bounds, and bad reason codes", () => {
    for (const bad of [
      { from: "2025-02-30" },
      { from: "2025-13-01" },
      { to: "1899-12-31" },
      { to: "2200-01-01" },
      { from: "2025-03-01", to: "2025-02-01" },
      { from: "2025-03-01\u0000" },
      { from: "x".repeat(100_000) },
      { reasons: ["billing\u0000"] },
      { reasons: ["\ud800"] },
      { reasons: Array.from({ length: 51 }, (_, i) => `r${i}`) },
    ])
      expect(callSeriesFilterSchema.safeParse(bad).success, JSON.stringify(bad).slice(0, 60)).toBe(
        false,
      );
    expect(callSeriesFilterSchema.parse({ from: "2024-02-29", to: "2024-03-01" })).toEqual({
      from: "2024-02-29",
      to: "2024-03-01",
    });
  });
});
