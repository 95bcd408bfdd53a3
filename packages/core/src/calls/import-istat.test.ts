import { createReadStream } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { OpenDatabase } from "@conductor/db";
import { createOrganizationWithMembers } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../actor";
import { type CallImportOptions, importCallVolume } from "./import";
import { callImportRemoval, removeCallImport } from "./import-removal";
import { callSeries } from "./series";

// ISTAT's 1522 helpline files from ../shared/data beside the repository, read
// as they are: year and ISTAT week in two columns, weeks counted Sunday to
// Saturday from week 0 (see ISTAT_1522_SOURCE.md there).
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
const istat = (file: string) =>
  join(
    process.env.CONDUCTOR_SHARED_DATA ?? join(repoRoot, "..", "shared", "data"),
    "istat-1522",
    file,
  );
const national = istat("istat_1522_calls_national_week.csv");
const byProvince = istat("istat_1522_calls_by_province_week.csv");

const file = (path: string) => createReadStream(path, { highWaterMark: 64 * 1024 });

describe("the ISTAT 1522 helpline files, imported as published", () => {
  let db: OpenDatabase;
  let organizationId: string;
  let analystId: string;
  const by = () => ({ kind: "person" as const, userId: analystId });
  const ctx = async () => ({ db: db.prisma, actor: await loadActor(db.prisma, analystId) });

  beforeAll(async () => {
    db = await createTestDatabase();
    ({
      organizationId,
      userIds: [analystId = ""],
    } = await createOrganizationWithMembers(db.prisma, [["ANALYST"]]));
    await db.prisma.callReason.createMany({
      data: [
        { organizationId, code: "utenti", label: "All callers" },
        { organizationId, code: "vittime", label: "Victims" },
      ],
    });
  });
  afterAll(() => db.close());

  const options = (over: Partial<CallImportOptions>): CallImportOptions => ({
    organizationId,
    fileName: "istat_1522_calls_national_week.csv",
    granularity: "WEEK",
    dateFormat: "iso",
    mapping: { year: "year", week: "istat_week", reason: "caller_type", calls: "calls" },
    weeks: "sunday",
    dropColumns: [],
    dryRun: false,
    ...over,
  });

  /** The chart's busiest week of all callers, as the dashboard draws it. */
  const peak = async () => {
    const series = await callSeries(await ctx(), organizationId);
    expect(series.bucket).toBe("week");
    const top = series.points.reduce((a, b) => ((b.utenti ?? 0) > (a.utenti ?? 0) ? b : a));
    return { week: new Date(top.t).toISOString().slice(0, 10), calls: top.utenti };
  };

  it("as ISO weeks the file is refused: week 0 and 2017's and 2023's week 53 named by line and column", async () => {
    const result = await importCallVolume(
      db.prisma,
      file(national),
      options({ weeks: "iso" }),
      by(),
    );
    expect(result.status).toBe("refused");
    if (result.status !== "refused") return;
    // Week 0 of ten years and week 53 of two, for both caller types.
    expect(result.problemCount).toBe(24);
    expect(result.problems[0]).toEqual({
      line: 2,
      column: "istat_week",
      value: "0",
      message: expect.stringContaining("choose Sunday-to-Saturday weeks"),
    });
    expect(result.problems.filter((p) => p.value === "53").map((p) => p.message)).toEqual([
      expect.stringMatching(/^is not a week of 2017: ISO 2017 has 52 weeks/),
      expect.stringMatching(/^is not a week of 2017/),
      expect.stringMatching(/^is not a week of 2023: ISO 2023 has 52 weeks/),
      expect.stringMatching(/^is not a week of 2023/),
    ]);
  });

  it("counted Sunday to Saturday, the national file imports: each week at its Monday, New Year's halves added", async () => {
    const result = await importCallVolume(db.prisma, file(national), options({}), by());
    expect(result).toMatchObject({ status: "imported", rows: 1_246, overlap: null });
    const week = (day: string, reasonCode = "utenti") =>
      db.prisma.callVolume
        .findFirst({ where: { organizationId, reasonCode, day: new Date(day) } })
        .then((row) => row?.calls);
    expect(await week("2023-11-27")).toBe(3_309); // ISTAT 2023 week 48
    expect(await week("2021-11-22")).toBe(2_286); // 2021 week 47
    // 29–31 December 2013 (week 52: 207) and 1–4 January 2014 (week 0: 266).
    expect(await week("2013-12-30")).toBe(473);
    // Nothing lost or counted twice: the stored weeks add up to the file.
    const [sum] = await db.prisma.$queryRaw<{ calls: bigint; rows: bigint }[]>`
      SELECT sum(calls) AS calls, count(*) AS rows FROM "CallVolume"
      WHERE "organizationId" = ${organizationId}`;
    expect(Number(sum?.calls)).toBe(499_283);
    // Nine New Years split a week (not 2017's nor 2023's, which began on a
    // Sunday), each joining two rows per caller type.
    expect(Number(sum?.rows)).toBe(1_246 - 2 * 9);
    expect(await peak()).toEqual({ week: "2023-11-27", calls: 3_309 });
  });

  it("the province file beside it: totals and breakdown are found to meet, keeping the breakdown counts each call once, and removing that import brings the totals back", async () => {
    const provinces = options({
      fileName: "istat_1522_calls_by_province_week.csv",
      mapping: {
        year: "year",
        week: "istat_week",
        reason: "caller_type",
        calls: "calls",
        region: "province",
      },
    });
    // One pass over the 94,760 rows (a check would report the same overlap,
    // as import-removal.test.ts shows on a small file): the analyst answered.
    const imported = await importCallVolume(
      db.prisma,
      file(byProvince),
      { ...provinces, keep: "breakdown" },
      by(),
    );
    expect(imported).toMatchObject({
      status: "imported",
      kept: "breakdown",
      skipped: 0,
      replaced: 1_228,
    });
    if (imported.status !== "imported" || !imported.importId) throw new Error("not imported");
    // Every stored week of both caller types, and ISTAT's national table is the provinces' sum.
    expect(imported.overlap).toMatchObject({
      periods: 1_228,
      addUp: 1_228,
      reasons: ["utenti", "vittime"],
      totals: { inFile: 0, stored: 1_228 },
      breakdown: { inFile: 94_760, stored: 0 },
      storedImports: [{ fileName: "istat_1522_calls_national_week.csv" }],
      largest: { reason: "utenti", totals: 3_309, breakdown: 3_309 },
    });
    expect(imported.overlap?.largest?.day).toEqual(new Date("2023-11-27"));
    // Totals and provinces both kept, this week would read 6,618 (what the chart showed).
    expect(await peak()).toEqual({ week: "2023-11-27", calls: 3_309 });
    const importId = imported.importId;
    const plan = await callImportRemoval(await ctx(), { importId });
    expect(plan.effect).toMatchObject({
      rowsRestored: 0,
      rowsReturned: 1_228,
      rowsLaterChanged: 0,
      reasons: ["utenti", "vittime"],
      callsRemoved: 499_283,
      callsRestored: 499_283,
    });
    // Province-weeks, New Year's halves joined.
    expect(plan.effect?.rowsRemoved).toBe(94_262);
    await removeCallImport(await ctx(), { importId });
    const regions = await db.prisma.callVolume.count({
      where: { organizationId, NOT: { region: "" } },
    });
    expect(regions).toBe(0);
    expect(await db.prisma.callVolume.count({ where: { organizationId } })).toBe(1_228);
    expect(await peak()).toEqual({ week: "2023-11-27", calls: 3_309 });
  }, 180_000);
});
