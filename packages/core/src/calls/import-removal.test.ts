import type { OpenDatabase } from "@conductor/db";
import { createOrganizationWithMembers } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../actor";
import { type CallImportOptions, importCallVolume } from "./import";
import { callImportRemoval, removeCallImport } from "./import-removal";
import { dailyImportOptions } from "./testing";

async function* bytes(text: string) {
  yield new TextEncoder().encode(text);
}

describe("totals beside a breakdown, and removing an import", () => {
  let db: OpenDatabase;
  let organizationId: string;
  let analystId: string;
  let managerId: string;
  let outsiderId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    ({
      organizationId,
      userIds: [analystId = "", managerId = ""],
    } = await createOrganizationWithMembers(db.prisma, [["ANALYST"], ["COMMS_MANAGER"]]));
    ({
      userIds: [outsiderId = ""],
    } = await createOrganizationWithMembers(db.prisma, [["ADMIN"]]));
    await db.prisma.callReason.create({
      data: { organizationId, code: "billing", label: "Billing question" },
    });
  });
  afterAll(() => db.close());

  const as = async (userId: string) => ({
    db: db.prisma,
    actor: await loadActor(db.prisma, userId),
  });
  const options = (over: Partial<CallImportOptions> = {}) =>
    dailyImportOptions(organizationId, {
      mapping: { date: "date", reason: "reason", calls: "calls", region: "region" },
      ...over,
    });
  const load = async (csv: string, over: Partial<CallImportOptions> = {}) => {
    const result = await importCallVolume(db.prisma, bytes(csv), options(over), {
      kind: "person",
      userId: analystId,
    });
    if (result.status !== "imported" || !result.importId)
      throw new Error(`not imported: ${JSON.stringify(result)}`);
    return result;
  };
  /** CallVolume and CallDaily for the days given, as [day, region, calls, import] and [day, calls]. */
  const state = async (from: string, to: string) => {
    const days = { gte: new Date(from), lte: new Date(to) };
    const volume = await db.prisma.callVolume.findMany({
      where: { organizationId, day: days },
      orderBy: [{ day: "asc" }, { region: "asc" }],
    });
    const daily = await db.prisma.callDaily.findMany({
      where: { organizationId, day: days },
      orderBy: { day: "asc" },
    });
    return {
      volume: volume.map((v) => [v.day.toISOString().slice(5, 10), v.region, v.calls, v.importId]),
      daily: daily.map((d) => [d.day.toISOString().slice(5, 10), d.calls]),
    };
  };

  it("one file with totals and a breakdown of a day: a check asks, an import waits for the answer, and only the kind chosen goes in", async () => {
    const mixed = `date,reason,calls,region
2026-03-02,billing,10,
2026-03-02,billing,6,north
2026-03-02,billing,4,south
2026-03-03,billing,7,north
`;
    const by = { kind: "person" as const, userId: analystId };
    const checked = await importCallVolume(db.prisma, bytes(mixed), options({ dryRun: true }), by);
    expect(checked).toMatchObject({
      status: "checked",
      kept: null,
      overlap: {
        periods: 1,
        addUp: 1,
        reasons: ["billing"],
        totals: { inFile: 1, stored: 0 },
        breakdown: { inFile: 2, stored: 0 },
        largest: { reason: "billing", totals: 10, breakdown: 10 },
      },
    });
    const refused = await importCallVolume(db.prisma, bytes(mixed), options(), by);
    expect(refused).toMatchObject({
      status: "refused",
      message: expect.stringContaining("Choose which to keep"),
      overlap: { periods: 1 },
    });
    expect((await state("2026-03-01", "2026-03-31")).volume).toEqual([]);

    const { importId } = await load(mixed, { keep: "totals" });
    expect(await state("2026-03-01", "2026-03-31")).toEqual({
      // The 3rd has no total: its breakdown is all there is, and stays.
      volume: [
        ["03-02", "", 10, importId],
        ["03-03", "north", 7, importId],
      ],
      daily: [
        ["03-02", 10],
        ["03-03", 7],
      ],
    });
  });

  it("removal shows what it changes first, then takes the import's counts out and puts back what it overwrote", async () => {
    const a = await load(
      "date,reason,calls,region\n2026-04-01,billing,5,\n2026-04-02,billing,8,\n",
    );
    const b = await load(
      "date,reason,calls,region\n2026-04-01,billing,6,\n2026-04-03,billing,1,\n",
    );
    const plan = await callImportRemoval(await as(analystId), { importId: b.importId! });
    expect(plan).toMatchObject({
      importId: b.importId,
      removedAt: null,
      effect: {
        rowsRemoved: 1,
        rowsRestored: 1,
        rowsReturned: 0,
        rowsLaterChanged: 0,
        days: 2,
        reasons: ["billing"],
        callsRemoved: 7,
        callsRestored: 5,
      },
    });
    // The plan wrote nothing.
    expect((await state("2026-04-01", "2026-04-30")).daily).toEqual([
      ["04-01", 6],
      ["04-02", 8],
      ["04-03", 1],
    ]);
    const done = await removeCallImport(await as(analystId), { importId: b.importId! });
    expect(done.effect).toEqual(plan.effect);
    expect(await state("2026-04-01", "2026-04-30")).toEqual({
      volume: [
        ["04-01", "", 5, a.importId],
        ["04-02", "", 8, a.importId],
      ],
      daily: [
        ["04-01", 5],
        ["04-02", 8],
      ],
    });
    const entry = await db.prisma.auditEvent.findFirstOrThrow({
      where: { organizationId, kind: "CALL_VOLUME_IMPORT_REMOVED" },
      orderBy: { sequence: "desc" },
    });
    expect(entry.actorId).toBe(analystId);
    // The payload is stored as canonical JSON text, as the chain hashes it.
    expect(JSON.parse(String(entry.payload))).toMatchObject({
      importId: b.importId,
      fileName: "calls.csv",
      rowsRemoved: 1,
      rowsRestored: 1,
      firstDay: "2026-04-01",
      lastDay: "2026-04-03",
      callsRemoved: 7,
      callsRestored: 5,
    });
    expect(await db.prisma.callImport.findUnique({ where: { id: b.importId! } })).toMatchObject({
      removedById: analystId,
      removedAt: expect.any(Date),
    });
    await expect(
      removeCallImport(await as(analystId), { importId: b.importId! }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await callImportRemoval(await as(analystId), { importId: b.importId! })).toMatchObject({
      effect: null,
      removedAt: expect.any(Date),
    });
  });

  it("removing an import between two others keeps the later count, and the later one then restores the earlier", async () => {
    const line = (n: number) => `date,reason,calls,region\n2026-05-04,billing,${n},\n`;
    const a = await load(line(5));
    const b = await load(line(6));
    const c = await load(line(7));
    const middle = await removeCallImport(await as(analystId), { importId: b.importId! });
    expect(middle.effect).toMatchObject({ rowsRemoved: 0, rowsRestored: 0, rowsLaterChanged: 1 });
    expect((await state("2026-05-04", "2026-05-04")).volume).toEqual([
      ["05-04", "", 7, c.importId],
    ]);
    await removeCallImport(await as(analystId), { importId: c.importId! });
    expect(await state("2026-05-04", "2026-05-04")).toEqual({
      volume: [["05-04", "", 5, a.importId]],
      daily: [["05-04", 5]],
    });
  });

  it("a breakdown that replaced totals, then totals that replaced it: removed newest first, each step comes back", async () => {
    const a = await load("date,reason,calls,region\n2026-06-01,billing,10,\n");
    const b = await load(
      "date,reason,calls,region\n2026-06-01,billing,6,north\n2026-06-01,billing,4,south\n",
      {
        keep: "breakdown",
      },
    );
    expect(b).toMatchObject({ kept: "breakdown", replaced: 1, skipped: 0 });
    const afterB = await state("2026-06-01", "2026-06-01");
    expect(afterB).toEqual({
      volume: [
        ["06-01", "north", 6, b.importId],
        ["06-01", "south", 4, b.importId],
      ],
      daily: [["06-01", 10]],
    });
    const c = await load("date,reason,calls,region\n2026-06-01,billing,11,\n", { keep: "totals" });
    expect(c).toMatchObject({ kept: "totals", replaced: 2 });
    expect(await state("2026-06-01", "2026-06-01")).toEqual({
      volume: [["06-01", "", 11, c.importId]],
      daily: [["06-01", 11]],
    });

    const plan = await callImportRemoval(await as(analystId), { importId: c.importId! });
    expect(plan.effect).toMatchObject({
      rowsRemoved: 1,
      rowsReturned: 2,
      callsRemoved: 11,
      callsRestored: 10,
    });
    await removeCallImport(await as(analystId), { importId: c.importId! });
    expect(await state("2026-06-01", "2026-06-01")).toEqual(afterB);
    await removeCallImport(await as(analystId), { importId: b.importId! });
    expect(await state("2026-06-01", "2026-06-01")).toEqual({
      volume: [["06-01", "", 10, a.importId]],
      daily: [["06-01", 10]],
    });
    await removeCallImport(await as(analystId), { importId: a.importId! });
    expect(await state("2026-06-01", "2026-06-01")).toEqual({ volume: [], daily: [] });
  });

  it("only analysts and admins of the import's organisation see or remove it; an unknown id is not found", async () => {
    const { importId } = await load("date,reason,calls,region\n2026-07-01,billing,3,\n");
    const attempts = [
      [outsiderId, "NOT_FOUND"],
      [managerId, "FORBIDDEN"],
    ] as const;
    for (const [userId, code] of attempts) {
      await expect(
        callImportRemoval(await as(userId), { importId: importId! }),
      ).rejects.toMatchObject({ code });
      await expect(
        removeCallImport(await as(userId), { importId: importId! }),
      ).rejects.toMatchObject({ code });
    }
    const signedOut = { db: db.prisma, actor: null };
    await expect(removeCallImport(signedOut, { importId: importId! })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    await expect(
      removeCallImport(await as(analystId), { importId: "c0000000000000000000000000" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await state("2026-07-01", "2026-07-01")).volume).toEqual([["07-01", "", 3, importId]]);
  });
});
