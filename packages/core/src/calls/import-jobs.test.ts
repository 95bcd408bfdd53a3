import type { Database } from "@conductor/db";
import { createMember, createOrganizationWithMembers } from "@conductor/db/seed";
import { metrics } from "@conductor/ops";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../actor";
import { AppError } from "../errors";
import { databaseForWorkers, eventually } from "../jobs/testing";
import { startWorker, type Worker } from "../jobs/worker";
import { ABANDONED, ABANDONED_AFTER_MS, failAbandonedCallImports } from "./abandoned-imports";
import { callImportStatus } from "./call-import-status";
import { callImportUnderWay } from "./call-import-under-way";
import { FILE_PIECE_BYTES } from "./import-job";
import { queueCallImport } from "./queue-call-import";
import { runCallImport } from "./run-call-import";
import { dailyImportOptions } from "./testing";

const REASONS = ["billing", "moving", "outage"];

const REGIONS = Array.from({ length: 30 }, (_, i) => `region-${i}-of-the-country`);

/** `days` days from `start` of three reasons in 30 regions: 90 rows a day, about 45 bytes each. */
function dailyFile(start: string, days: number, bad?: { line: number; date: string }) {
  const lines = ["date,reason,region,calls"];
  for (let d = 0; d < days; d++) {
    const day = new Date(Date.parse(start) + d * 86_400_000).toISOString().slice(0, 10);
    for (const reason of REASONS)
      for (const region of REGIONS)
        lines.push(`${day},${reason},${region},${(d * 7 + region.length) % 50}`);
  }
  if (bad) lines[bad.line - 1] = `${bad.date},billing,north,3`;
  return `${lines.join("\n")}\n`;
}

async function* bytes(text: string) {
  const all = new TextEncoder().encode(text);
  // In uneven pieces, as a socket hands them over.
  for (let at = 0; at < all.length; at += 70_001) yield all.subarray(at, at + 70_001);
}

const mapping = { date: "date", reason: "reason", calls: "calls", region: "region" };

describe("call imports as jobs: stored by the upload, run once by the worker, all or nothing", () => {
  let db: Database;
  let url: string;
  const closers: (() => Promise<unknown>)[] = [];
  const workers: Worker[] = [];
  let organizationId: string;
  let analystId: string;
  let managerId: string;
  let otherAnalystId: string;

  const ctxOf = async (userId: string | null) => ({
    db,
    actor: userId ? await loadActor(db, userId) : null,
  });
  const queue = async (text: string, over: Parameters<typeof dailyImportOptions>[1] = {}) =>
    queueCallImport(
      await ctxOf(analystId),
      bytes(text),
      dailyImportOptions(organizationId, { mapping, ...over }),
    );
  const job = (id: string) => db.callImportJob.findUniqueOrThrow({ where: { id } });

  beforeAll(async () => {
    ({ url, db } = await databaseForWorkers(closers));
    ({
      organizationId,
      userIds: [analystId, managerId],
    } = await createOrganizationWithMembers(db, [["ANALYST"], ["COMMS_MANAGER"]]));
    ({
      userIds: [otherAnalystId],
    } = await createOrganizationWithMembers(db, [["ANALYST"]]));
    await db.callReason.createMany({
      data: REASONS.map((code) => ({ organizationId, code, label: code })),
    });
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    for (const close of closers) await close();
  }, 60_000);

  it("stores the file in pieces and answers at once; the run writes progress, then the answer", async () => {
    // Four and a bit pieces: progress has somewhere to be between nothing and all.
    const file = dailyFile("2020-01-01", 1_200);
    const size = new TextEncoder().encode(file).length;
    expect(size).toBeGreaterThan(4 * FILE_PIECE_BYTES);
    const queued = await queue(file);
    expect(queued).toMatchObject({ state: "QUEUED", bytes: size });
    expect((await job(queued.importId)).state).toBe("QUEUED");
    expect(await db.callImportJobChunk.count({ where: { jobId: queued.importId } })).toBe(
      Math.ceil(size / FILE_PIECE_BYTES),
    );
    expect(await db.callVolume.count({ where: { organizationId } })).toBe(0);

    const seen = new Set<number>();
    let running = true;
    const watching = (async () => {
      while (running) {
        seen.add((await job(queued.importId)).bytesRead);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    // Two runs of the same job at once, as a job delivered twice would be: one does the work.
    const outcomes = await Promise.all([
      runCallImport(db, queued.importId, { progressEveryMs: 0 }),
      runCallImport(db, queued.importId, { progressEveryMs: 0 }),
    ]);
    running = false;
    await watching;
    expect(outcomes.sort()).toEqual(["done", "not queued"]);
    expect([...seen].some((b) => b > 0 && b < size)).toBe(true);

    const status = await callImportStatus(await ctxOf(analystId), { importId: queued.importId });
    expect(status).toMatchObject({
      state: "DONE",
      bytesTotal: size,
      bytesRead: size,
      rowsRead: 1_200 * 90,
      error: null,
      result: { status: "imported", rows: 1_200 * 90, changed: 1_200 * 90 },
    });
    expect(await db.callVolume.count({ where: { organizationId } })).toBe(1_200 * 90);
    expect(await db.callImport.count({ where: { organizationId } })).toBe(1);
    expect(await db.callImportJobChunk.count({ where: { jobId: queued.importId } })).toBe(0);
  }, 240_000);

  it("a bad date fails the job saying where, and nothing of the file is written", async () => {
    const before = await db.callVolume.count({ where: { organizationId } });
    const imports = await db.callImport.count({ where: { organizationId } });
    // Every row new (days after the first file's), so a half-written import would show.
    const file = dailyFile("2016-01-01", 100, { line: 5_000, date: "2024-02-30" });
    const queued = await queue(file);
    expect(await runCallImport(db, queued.importId)).toBe("failed");
    const status = await callImportStatus(await ctxOf(analystId), { importId: queued.importId });
    expect(status.state).toBe("FAILED");
    expect(status.error).toBe(
      "1 problem in the file: nothing was imported. First: line 5,000, column date: “2024-02-30” is not a date written like 2026-03-01",
    );
    expect(status.result).toMatchObject({
      status: "refused",
      problemCount: 1,
      problems: [{ line: 5_000, column: "date", value: "2024-02-30" }],
    });
    expect(await db.callVolume.count({ where: { organizationId } })).toBe(before);
    expect(await db.callImport.count({ where: { organizationId } })).toBe(imports);
    expect(await db.callImportJobChunk.count({ where: { jobId: queued.importId } })).toBe(0);
  }, 120_000);

  it("a check runs as a job too and writes nothing", async () => {
    const before = await db.callVolume.count({ where: { organizationId } });
    const queued = await queue(dailyFile("2017-01-01", 3), { dryRun: true });
    expect(await runCallImport(db, queued.importId)).toBe("done");
    expect((await job(queued.importId)).result).toMatchObject({
      status: "checked",
      importId: null,
      rows: 270,
      changed: 270,
      firstDay: "2017-01-01T00:00:00.000Z",
    });
    expect(await db.callVolume.count({ where: { organizationId } })).toBe(before);
  }, 60_000);

  it("someone who lost the right to import between the upload and the run: nothing is imported", async () => {
    const { userIds } = await createOrganizationWithMembers(db, [["ANALYST"]]);
    const [leaver] = userIds;
    const leaverOrg = (await db.membership.findFirstOrThrow({ where: { userId: leaver } }))
      .organizationId;
    const queued = await queueCallImport(
      await ctxOf(leaver),
      bytes(dailyFile("2020-01-01", 2)),
      dailyImportOptions(leaverOrg, { mapping }),
    );
    await db.membership.updateMany({ where: { userId: leaver }, data: { roles: [] } });
    expect(await runCallImport(db, queued.importId)).toBe("failed");
    expect((await job(queued.importId)).error).toMatch(/may no longer import call volume/);
    expect(await db.callVolume.count({ where: { organizationId: leaverOrg } })).toBe(0);
  }, 60_000);

  it("the status is the organisation's importers' alone; the upload is theirs alone", async () => {
    const queued = await queue(dailyFile("2018-01-01", 1), { dryRun: true });
    const refusal = async (userId: string | null, importId = queued.importId) => {
      try {
        await callImportStatus(await ctxOf(userId), { importId });
        return "ok";
      } catch (error) {
        return error instanceof AppError ? error.code : String(error);
      }
    };
    expect(await refusal(analystId)).toBe("ok");
    expect(await refusal(otherAnalystId)).toBe("NOT_FOUND");
    expect(await refusal(managerId)).toBe("FORBIDDEN");
    expect(await refusal(null)).toBe("UNAUTHENTICATED");
    expect(await refusal(analystId, "\u0000")).toBe("NOT_FOUND");
    expect(await refusal(analystId, "x".repeat(64))).toBe("NOT_FOUND");
    expect(await runCallImport(db, queued.importId)).toBe("done");

    const jobs = await db.callImportJob.count();
    for (const [userId, org] of [
      [managerId, organizationId],
      [otherAnalystId, organizationId],
    ] as const)
      await expect(
        queueCallImport(await ctxOf(userId), bytes("date,reason,calls\n"), {
          ...dailyImportOptions(org),
        }),
      ).rejects.toBeInstanceOf(AppError);
    // Over the size cap: refused while receiving, nothing stored.
    await expect(
      queueCallImport(
        await ctxOf(analystId),
        bytes(dailyFile("2018-01-01", 100)),
        dailyImportOptions(organizationId, { mapping }),
        { idleMs: 5_000, maxBytes: 1_000 },
      ),
    ).rejects.toMatchObject({ reason: "UPLOAD_TOO_LARGE" });
    expect(await db.callImportJob.count()).toBe(jobs);

    // A person's waiting jobs each keep a file in the database: a fourth is refused until one ends.
    const { userIds } = await createOrganizationWithMembers(db, [["ANALYST"]]);
    const [busy] = userIds;
    const busyOrg = (await db.membership.findFirstOrThrow({ where: { userId: busy } }))
      .organizationId;
    const send = async () =>
      queueCallImport(
        await ctxOf(busy),
        bytes(dailyFile("2018-01-01", 1)),
        dailyImportOptions(busyOrg, { mapping, dryRun: true }),
      );
    const three = [await send(), await send(), await send()];
    await expect(send()).rejects.toMatchObject({ code: "RATE_LIMITED" });
    await db.callImportJob.update({ where: { id: three[0]!.importId }, data: { state: "DONE" } });
    expect((await send()).state).toBe("QUEUED");
  }, 60_000);

  it("the importer page finds its person's check still under way, and only theirs", async () => {
    const underWay = async (userId: string | null, org = organizationId) =>
      callImportUnderWay(await ctxOf(userId), org);
    expect(await underWay(analystId)).toBeNull();
    const queued = await queue(dailyFile("2019-06-01", 1), { dryRun: true });
    expect(await underWay(analystId)).toEqual({
      importId: queued.importId,
      dryRun: true,
      fileName: expect.any(String),
    });
    // A colleague who may import sees none of it; neither does anyone else.
    const colleague = await createMember(db, { organizationId, roles: ["ANALYST"] });
    expect(await underWay(colleague.user.id)).toBeNull();
    await expect(underWay(managerId)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(underWay(otherAnalystId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(underWay(null)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await runCallImport(db, queued.importId)).toBe("done");
    expect(await underWay(analystId)).toBeNull();
  }, 60_000);

  it("an import whose worker stopped saying it is alive is failed with a reason; a live one runs on", async () => {
    // The run itself says it is alive while it works.
    const ran = await queue(dailyFile("2014-01-01", 40), { dryRun: true });
    expect(await runCallImport(db, ran.importId, { heartbeatEveryMs: 1 })).toBe("done");
    const after = await job(ran.importId);
    expect(after.heartbeatAt!.getTime()).toBeGreaterThan(after.startedAt!.getTime());

    const now = new Date();
    const running = async (heartbeatAt: Date | null, startedAt: Date) => {
      const queued = await queue(dailyFile("2015-01-01", 2));
      await db.callImportJob.update({
        where: { id: queued.importId },
        data: { state: "RUNNING", startedAt, heartbeatAt },
      });
      return queued.importId;
    };
    const longAgo = new Date(now.getTime() - ABANDONED_AFTER_MS - 1_000);
    const dead = await running(longAgo, longAgo);
    // Started before heartbeats were written: its start is all it has said.
    const deadBeforeHeartbeats = await running(null, longAgo);
    const alive = await running(new Date(now.getTime() - 5_000), longAgo);
    expect(await failAbandonedCallImports(db, now)).toBe(2);
    for (const id of [dead, deadBeforeHeartbeats]) {
      expect(await job(id)).toMatchObject({ state: "FAILED", error: ABANDONED });
      expect(await db.callImportJobChunk.count({ where: { jobId: id } })).toBe(0);
    }
    expect((await job(alive)).state).toBe("RUNNING");
    expect(await db.callImportJobChunk.count({ where: { jobId: alive } })).toBeGreaterThan(0);
    expect(await failAbandonedCallImports(db, now)).toBe(0);
    await db.callImportJob.update({ where: { id: alive }, data: { state: "FAILED" } });
  }, 60_000);

  it("a stored file missing its last piece fails, and none of it is imported", async () => {
    const before = await db.callVolume.count({ where: { organizationId } });
    const file = dailyFile("2013-01-01", 400);
    expect(new TextEncoder().encode(file).length).toBeGreaterThan(FILE_PIECE_BYTES);
    const queued = await queue(file);
    const pieces = await db.callImportJobChunk.count({ where: { jobId: queued.importId } });
    await db.callImportJobChunk.delete({
      where: { jobId_seq: { jobId: queued.importId, seq: pieces - 1 } },
    });
    expect(await runCallImport(db, queued.importId)).toBe("failed");
    expect((await job(queued.importId)).error).toMatch(/^The import stopped before its end/);
    expect(await db.callVolume.count({ where: { organizationId } })).toBe(before);
  }, 60_000);

  it("two workers: each queued import runs once, and the worker's import-rows metrics move", async () => {
    const counted = async () =>
      (await metrics().importRows.get()).values.find((v) => v.labels.kind === "calls")?.value ?? 0;
    const rowsBefore = await counted();
    for (let i = 0; i < 2; i++)
      workers.push(
        await startWorker({
          databaseUrl: url,
          db,
          mail: {
            appUrl: "https://conductor.example",
            smtpUrl: null,
            from: "Conductor <no-reply@conductor.example>",
            authSecret: "import-jobs-test-secret-import-jobs-test-0123",
          },
          transport: null,
          relayEveryMs: 200,
        }),
      );
    const files = ["2010-01-01", "2011-01-01", "2012-01-01"].map((start) => dailyFile(start, 20));
    const queued: { importId: string }[] = [];
    for (const file of files) queued.push(await queue(file));
    // A job whose upload died while writing its pieces is never run, and is swept after an hour.
    const lost = await db.callImportJob.create({
      data: {
        organizationId,
        requestedById: analystId,
        state: "RECEIVING",
        dryRun: false,
        fileName: "lost.csv",
        options: {},
        bytesTotal: 10,
        createdAt: new Date(Date.now() - 2 * 3600_000),
      },
    });
    const done = await eventually(
      () => db.callImportJob.findMany({ where: { id: { in: queued.map((q) => q.importId) } } }),
      (jobs) => jobs.every((j) => j.state === "DONE" || j.state === "FAILED"),
      120_000,
    );
    await eventually(
      () => db.callImportJob.count({ where: { id: lost.id } }),
      (n) => n === 0,
    );
    // One whose worker died mid-run: the pump fails it, so its page stops waiting.
    const deadRun = await queue(dailyFile("2009-01-01", 1));
    const longAgo = new Date(Date.now() - ABANDONED_AFTER_MS - 60_000);
    await db.callImportJob.update({
      where: { id: deadRun.importId },
      // Queued already, as its dead worker had it.
      data: { state: "RUNNING", startedAt: longAgo, heartbeatAt: longAgo, jobQueuedAt: longAgo },
    });
    await eventually(
      () => job(deadRun.importId),
      (j) => j.state === "FAILED" && j.error === ABANDONED,
    );
    expect(done.map((j) => [j.state, j.error])).toEqual([
      ["DONE", null],
      ["DONE", null],
      ["DONE", null],
    ]);
    const audited = await db.auditEvent.findMany({
      where: { organizationId, kind: "CALL_VOLUME_IMPORTED" },
    });
    // The first test's import, and one for each of these three: none twice.
    expect(audited).toHaveLength(4);
    expect(await db.callImport.count({ where: { organizationId } })).toBe(4);
    expect((await counted()) - rowsBefore).toBe(3 * 20 * 90);
  }, 180_000);
});
