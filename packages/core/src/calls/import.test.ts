import type { OpenDatabase } from "@conductor/db";
import { createOrganizationWithMembers } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { metrics } from "@conductor/ops";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReleaseToken } from "../reviews/create-release-token";
import { type CallImportOptions, importCallVolume } from "./import";
import { importCallVolumeFeed } from "./import-feed";
import { previewCallCsv } from "./preview";
import { dailyImportOptions } from "./testing";

/** A file's bytes, delivered in small chunks as a network upload would be. */
async function* chunks(text: string | Uint8Array, size = 7) {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const good = `date,reason,calls,segment
2026-03-02,billing,41,residential
2026-03-02,payment-failed,7,residential
2026-03-03,billing,38,residential
2026-03-03,billing,5,business
`;

describe("importing call volume", () => {
  let db: OpenDatabase;
  let organizationId: string;
  let adminId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    // Real people: imports and tokens name who made them.
    ({
      organizationId,
      userIds: [by.userId, adminId],
    } = await createOrganizationWithMembers(db.prisma, [["ANALYST"], ["ADMIN"]]));
    await db.prisma.callReason.createMany({
      data: [
        { organizationId, code: "billing", label: "Billing question" },
        { organizationId, code: "payment-failed", label: "Payment failed", failureDemand: true },
      ],
    });
  });
  afterAll(() => db.close());

  const options = (over: Partial<CallImportOptions> = {}) =>
    dailyImportOptions(organizationId, {
      mapping: { date: "date", reason: "reason", calls: "calls", segment: "segment" },
      ...over,
    });
  // Who imports: a real analyst, made before the tests run.
  const by = { kind: "person" as const, userId: "" };
  const stored = () =>
    db.prisma.callVolume.findMany({
      where: { organizationId },
      orderBy: [{ day: "asc" }, { reasonCode: "asc" }, { segment: "asc" }],
      select: { day: true, reasonCode: true, segment: true, calls: true },
    });

  it("imports a good file; the same file again changes nothing; a corrected count changes one row", async () => {
    const importedRows = async () =>
      (await metrics().importRows.get()).values.find((v) => v.labels.kind === "calls")?.value ?? 0;
    const rowsBefore = await importedRows();
    const first = await importCallVolume(db.prisma, chunks(good), options(), by);
    expect(first).toMatchObject({ status: "imported", rows: 4, changed: 4 });
    expect(
      (await stored()).map((r) => [
        r.day.toISOString().slice(0, 10),
        r.reasonCode,
        r.segment,
        r.calls,
      ]),
    ).toEqual([
      ["2026-03-02", "billing", "residential", 41],
      ["2026-03-02", "payment-failed", "residential", 7],
      ["2026-03-03", "billing", "business", 5],
      ["2026-03-03", "billing", "residential", 38],
    ]);
    // Nothing was stored in these days: CallDaily summed from the file's own rows.
    const dailyBilling = async () =>
      (
        await db.prisma.callDaily.findMany({
          where: { organizationId, reasonCode: "billing" },
          orderBy: { day: "asc" },
        })
      ).map((d) => [d.day.toISOString().slice(0, 10), d.calls]);
    expect(await dailyBilling()).toEqual([
      ["2026-03-02", 41],
      ["2026-03-03", 43],
    ]);
    const again = await importCallVolume(db.prisma, chunks(good), options(), by);
    expect(again).toMatchObject({ status: "imported", rows: 4, changed: 0 });
    expect(again.status === "imported" && again.sha256).toBe(
      first.status === "imported" && first.sha256,
    );
    const corrected = await importCallVolume(
      db.prisma,
      chunks(good.replace("2026-03-03,billing,38", "2026-03-03,billing,39")),
      options(),
      by,
    );
    expect(corrected).toMatchObject({ status: "imported", changed: 1 });
    expect((await stored()).find((r) => r.calls === 39)).toBeTruthy();
    // The daily sums over segments follow in the same transaction.
    const daily = await db.prisma.callDaily.findMany({
      where: { organizationId, reasonCode: "billing" },
      orderBy: { day: "asc" },
    });
    expect(daily.map((d) => [d.day.toISOString().slice(0, 10), d.calls])).toEqual([
      ["2026-03-02", 41],
      ["2026-03-03", 44],
    ]);
    expect(await db.prisma.callImport.count({ where: { organizationId } })).toBe(3);
    // The process's metrics count every merged row (three files of four) and the latest rate.
    expect((await importedRows()) - rowsBefore).toBe(12);
    const rate = (await metrics().importRowsPerSecond.get()).values.find(
      (v) => v.labels.kind === "calls",
    );
    expect(rate?.value).toBeGreaterThan(0);
  });

  it("a check reports what would change and writes nothing", async () => {
    const july = `date,reason,calls,segment
2026-07-01,billing,11,residential
2026-07-02,billing,12,residential
`;
    await importCallVolume(db.prisma, chunks(july), options(), by);
    const before = await stored();
    const imports = await db.prisma.callImport.count({ where: { organizationId } });
    const checked = await importCallVolume(
      db.prisma,
      chunks(`${july}2026-07-03,billing,13,residential\n`),
      options({ dryRun: true }),
      by,
    );
    expect(checked).toMatchObject({ status: "checked", rows: 3, changed: 1, importId: null });
    expect(await stored()).toEqual(before);
    expect(await db.prisma.callImport.count({ where: { organizationId } })).toBe(imports);
  });

  it("names the line and column of every bad value, and imports none of the file", async () => {
    const before = await stored();
    const bad = `date,reason,calls,segment
2026-03-05,billing,10,residential
2026-02-30,billing,3,residential
05/03/2026,billing,3,residential
2026-03-06,,4,residential
2026-03-06,billing,-4,residential
2026-03-06,payment-failed,"1,204",residential
2026-03-07,billing,2,+44 7700 900123
2026-03-07,billing,2,someone@example.com
2026-03-08,moving-house,2,residential
2026-03-08,billing,2,"resi\x1fdential"
`;
    const result = await importCallVolume(db.prisma, chunks(bad), options(), by);
    expect(result.status).toBe("refused");
    if (result.status !== "refused") return;
    expect(result.problemCount).toBe(9);
    expect(result.problems.map((p) => [p.line, p.column, p.value])).toEqual([
      [3, "date", "2026-02-30"],
      [4, "date", "05/03/2026"],
      [5, "reason", ""],
      [6, "calls", "-4"],
      [7, "calls", "1,204"],
      [8, "segment", "+44 7700 900123"],
      [9, "segment", "someone@example.com"],
      [11, "segment", "resi\x1fdential"],
      // Found across the file, after the row-by-row checks.
      [10, "reason", "moving-house"],
    ]);
    expect(result.problems[4]!.message).toContain("thousands separator");
    expect(result.problems[5]!.message).toContain("phone number");
    expect(result.problems[7]!.message).toContain("control character");
    expect(result.message).toContain("nothing was imported");
    expect(await stored()).toEqual(before);
  });

  it("finds a key given twice and a reason code the taxonomy lacks", async () => {
    const result = await importCallVolume(
      db.prisma,
      chunks(`date,reason,calls,segment
2026-04-01,billing,1,residential
2026-04-01,moving-house,9,residential
2026-04-01,billing,2,residential
`),
      options(),
      by,
    );
    expect(result.status === "refused" && result.problems).toEqual([
      expect.objectContaining({
        line: 4,
        value: "billing",
        message: expect.stringContaining("repeats line 2"),
      }),
      expect.objectContaining({ line: 3, column: "reason", value: "moving-house" }),
    ]);
  });

  it("refuses personal-data columns by name unless confirmed dropped, and never stores them", async () => {
    const withPhone = `date,reason,calls,Caller Number,agent notes
2026-05-01,billing,3,07700900123,angry about fee
`;
    const refused = await importCallVolume(
      db.prisma,
      chunks(withPhone),
      options({ mapping: { date: "date", reason: "reason", calls: "calls" } }),
      by,
    );
    expect(refused.status).toBe("refused");
    expect(refused.status === "refused" && refused.personalColumns).toEqual([
      { column: "Caller Number", holds: "a phone number" },
      { column: "agent notes", holds: "free text" },
    ]);
    expect(refused.status === "refused" && refused.message).toContain('"Caller Number"');
    const dropped = await importCallVolume(
      db.prisma,
      chunks(withPhone),
      options({
        mapping: { date: "date", reason: "reason", calls: "calls" },
        dropColumns: ["Caller Number", "agent notes"],
      }),
      by,
    );
    expect(dropped).toMatchObject({
      status: "imported",
      rows: 1,
      droppedColumns: ["Caller Number", "agent notes"],
    });
    const everything = JSON.stringify(
      await db.prisma.callVolume.findMany({ where: { organizationId } }),
    );
    expect(everything).not.toContain("07700900123");
    expect(everything).not.toContain("angry");
    // Mapping a personal column onto a kept field is never allowed.
    const mapped = await importCallVolume(
      db.prisma,
      chunks(withPhone),
      options({
        mapping: { date: "date", reason: "reason", calls: "calls", segment: "Caller Number" },
        dropColumns: ["Caller Number", "agent notes"],
      }),
      by,
    );
    expect(mapped.status === "refused" && mapped.message).toContain("cannot be imported");
  });

  it("refuses an empty file, a non-CSV file, a header with no rows, and a missing column", async () => {
    const message = async (body: string | Uint8Array, over: Partial<CallImportOptions> = {}) => {
      const result = await importCallVolume(db.prisma, chunks(body), options(over), by);
      return result.status === "refused" ? result.message : result.status;
    };
    expect(await message("")).toBe("The file is empty");
    expect(await message(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toContain("Excel");
    expect(await message(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]))).toContain(
      "binary",
    );
    expect(await message(new Uint8Array([0x64, 0x61, 0xff, 0xfe, 0x2c, 0x0a]))).toContain("UTF-8");
    expect(await message("date,reason,calls,segment\n")).toBe("The file has a header but no rows");
    expect(await message("day,why,n\n2026-01-01,billing,1\n")).toContain('no column "date"');
  });

  it("a file cut off mid-row is refused at that row, with nothing imported", async () => {
    const before = await stored();
    const cut = `date,reason,calls,segment
2026-06-01,billing,4,residential
2026-06-02,billing,5,resi`;
    const whole = await importCallVolume(
      db.prisma,
      chunks(`${cut}dential\n2026-06-03,bill`),
      options(),
      by,
    );
    expect(whole.status === "refused" && whole.problems).toEqual([
      expect.objectContaining({ line: 4, message: expect.stringContaining("cut off") }),
    ]);
    const quoted = await importCallVolume(
      db.prisma,
      chunks(`${cut}dential\n2026-06-03,"billing`),
      options(),
      by,
    );
    expect(quoted.status === "refused" && quoted.problems[0]!.message).toContain("cut off");
    expect(await stored()).toEqual(before);
  });

  it("accepts weekly rows given as Mondays or ISO weeks, semicolons and a byte-order mark", async () => {
    const weekly = (rows: string) => `\ufeffweek;reason;calls\n${rows}`;
    const weeklyOptions = options({
      granularity: "WEEK",
      mapping: { date: "week", reason: "reason", calls: "calls" },
    });
    // 2026-W10 starts on Monday 2 March; 9 March is the next Monday.
    const result = await importCallVolume(
      db.prisma,
      chunks(weekly("2026-W10;billing;310\n2026-03-09;billing;290\n")),
      weeklyOptions,
      by,
    );
    expect(result.status === "refused" ? result : null).toBeNull();
    expect(result).toMatchObject({ status: "imported", rows: 2, changed: 2 });
    const weeks = await db.prisma.callVolume.findMany({
      where: { organizationId, granularity: "WEEK" },
      orderBy: { day: "asc" },
    });
    expect(weeks.map((w) => [w.day.toISOString().slice(0, 10), w.calls])).toEqual([
      ["2026-03-02", 310],
      ["2026-03-09", 290],
    ]);
    const tuesday = await importCallVolume(
      db.prisma,
      chunks(weekly("2026-03-10;billing;5\n")),
      weeklyOptions,
      by,
    );
    expect(tuesday.status === "refused" && tuesday.problems[0]).toMatchObject({
      line: 2,
      column: "week",
      message: expect.stringContaining("not a Monday"),
    });
  });

  it("the nightly feed needs a call-volume token, finds its columns by name, and repeats safely", async () => {
    const actor = {
      userId: adminId,
      name: "Admin",
      email: "admin@example.com",
      memberships: [{ organizationId, roles: ["ADMIN" as const], functions: [] }],
    };
    const ctx = { db: db.prisma, actor } as unknown as Parameters<typeof createReleaseToken>[0];
    const feedToken = await createReleaseToken(ctx, {
      organizationId,
      name: "Contact centre",
      scope: "CALL_VOLUME",
    });
    const releaseToken = await createReleaseToken(ctx, { organizationId, name: "Mail house" });
    const feed =
      "Date,Reason,Calls,Region\n2026-08-03,billing,17,North\n2026-08-03,billing,21,South\n";
    const options = {
      fileName: "night.csv",
      granularity: "DAY" as const,
      dateFormat: "iso" as const,
    };
    expect(
      await importCallVolumeFeed(db.prisma, feedToken.token, chunks(feed), options),
    ).toMatchObject({ status: "imported", rows: 2, changed: 2 });
    expect(
      await importCallVolumeFeed(db.prisma, feedToken.token, chunks(feed), options),
    ).toMatchObject({ status: "imported", changed: 0 });
    const imports = await db.prisma.callImport.findMany({
      where: { organizationId, fileName: "night.csv" },
    });
    expect(imports.map((i) => [i.source, i.tokenId])).toEqual([
      ["FEED", feedToken.id],
      ["FEED", feedToken.id],
    ]);
    await expect(
      importCallVolumeFeed(db.prisma, releaseToken.token, chunks(feed), options),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A night that adds the region's total beside its breakdown waits for the
    // feed to say which to keep; it cannot be asked, so it is refused until then.
    const withTotal = `${feed}2026-08-03,billing,38,\n`;
    expect(
      await importCallVolumeFeed(db.prisma, feedToken.token, chunks(withTotal), options),
    ).toMatchObject({ status: "refused", overlap: { periods: 1, addUp: 1 } });
    expect(
      await importCallVolumeFeed(db.prisma, feedToken.token, chunks(withTotal), {
        ...options,
        keep: "breakdown",
      }),
    ).toMatchObject({ status: "imported", kept: "breakdown", skipped: 1, changed: 0 });
    await expect(
      importCallVolumeFeed(db.prisma, "cdr_not-a-token", chunks(feed), options),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const wrongColumns = await importCallVolumeFeed(
      db.prisma,
      feedToken.token,
      chunks("when,what,n\n2026-08-04,billing,3\n"),
      options,
    );
    expect(wrongColumns.status === "refused" && wrongColumns.message).toContain(
      "needs columns named date, reason and calls",
    );
  });

  it("previews the header, a few rows, a suggested mapping and personal-data columns", async () => {
    const preview = await previewCallCsv(
      new TextEncoder().encode(
        "Date;Reason code;Calls;Region;Email\n2026-01-05;billing;4;North;x@y.z\n2026-01-0",
      ),
    );
    expect(preview).toEqual({
      ok: true,
      delimiter: ";",
      headers: ["Date", "Reason code", "Calls", "Region", "Email"],
      sample: [["2026-01-05", "billing", "4", "North", "x@y.z"]],
      suggested: { date: "Date", reason: "Reason code", calls: "Calls", region: "Region" },
      personalColumns: [{ column: "Email", holds: "an email address" }],
    });
  });
});
