import type { OpenDatabase } from "@conductor/db";
import { createMember, createOrganization } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { type CallImportOptions, importCallVolume } from "./import";
import { dailyImportOptions } from "./testing";
import { uploadLimits } from "./upload";
import { Semaphore } from "./upload-slots";

const encoder = new TextEncoder();
const header = "date,reason,calls\n";
const rows = "2026-03-02,billing,41\n2026-03-03,billing,38\n";

/**
 * A client that sends the start of a file and then nothing until the test
 * says so: `reached` settles once the start has been taken, `finish` sends
 * the rest and ends, `abort` fails the read as a dropped connection would.
 */
function stallingUpload(start: string, rest = "") {
  let reached!: () => void;
  const startTaken = new Promise<void>((resolve) => {
    reached = resolve;
  });
  let finish!: () => void;
  let abort!: (error: Error) => void;
  const released = new Promise<void>((resolve, reject) => {
    finish = resolve;
    abort = reject;
  });
  released.catch(() => {});
  async function* body() {
    yield encoder.encode(start);
    reached();
    await released;
    if (rest) yield encoder.encode(rest);
  }
  return { body: body(), startTaken, finish: () => finish(), abort: (e: Error) => abort(e) };
}

async function* whole(text: string) {
  yield encoder.encode(text);
}

/** A body that sends its first bytes and then never another. */
async function* silentAfter(start: string) {
  yield encoder.encode(start);
  await new Promise(() => {});
}

describe("uploads cannot hold the database", () => {
  let db: OpenDatabase;
  let organizationId: string;
  const analyst = { kind: "person" as const, userId: "" };
  const colleague = { kind: "person" as const, userId: "" };
  beforeAll(async () => {
    db = await createTestDatabase();
    organizationId = (await createOrganization(db.prisma)).id;
    analyst.userId = (
      await createMember(db.prisma, { organizationId, roles: ["ANALYST"] })
    ).user.id;
    colleague.userId = (
      await createMember(db.prisma, { organizationId, roles: ["ANALYST"] })
    ).user.id;
    await db.prisma.callReason.create({
      data: { organizationId, code: "billing", label: "Billing question" },
    });
  });
  afterAll(() => db.close());

  const options = (over: Partial<CallImportOptions> = {}) =>
    dailyImportOptions(organizationId, over);
  const imports = () => db.prisma.callImport.count({ where: { organizationId } });

  /** Connections to this database that sit in a transaction waiting for their client. */
  const idleInTransaction = async () => {
    if (db.connection.target.kind !== "postgres") return 0;
    const [row] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    return row!.n;
  };

  it("while a client stalls mid-file, other queries are answered and no transaction waits on it", async () => {
    const before = await imports();
    const upload = stallingUpload(header + rows);
    const importing = importCallVolume(db.prisma, upload.body, options(), analyst);
    importing.catch(() => {});
    await upload.startTaken;
    // On PGlite (one session) an open transaction would make this query wait for it.
    expect(await db.prisma.callReason.count({ where: { organizationId } })).toBe(1);
    expect(await idleInTransaction()).toBe(0);
    upload.abort(new Error("the client went away"));
    await expect(importing).rejects.toThrow("the client went away");
    expect(await imports()).toBe(before);
  });

  it("a client that sends nothing more for the idle time gets a clear refusal, nothing written", async () => {
    const before = await imports();
    const result = importCallVolume(db.prisma, silentAfter(header + rows), options(), analyst, {
      ...uploadLimits,
      idleMs: 50,
    });
    await expect(result).rejects.toSatisfy(
      (error) =>
        error instanceof AppError &&
        error.reason === "UPLOAD_STALLED" &&
        /no data arrived/.test(error.message),
    );
    expect(await imports()).toBe(before);
  });

  it("a file over the size limit is refused before anything is written", async () => {
    const before = await imports();
    const result = importCallVolume(db.prisma, whole(header + rows), options(), analyst, {
      ...uploadLimits,
      maxBytes: 32,
    });
    await expect(result).rejects.toSatisfy(
      (error) => error instanceof AppError && error.reason === "UPLOAD_TOO_LARGE",
    );
    expect(await imports()).toBe(before);
  });

  it("a person has two uploads in progress at most; a colleague is not held up; a finished one frees its slot", async () => {
    const first = stallingUpload(header, rows);
    const second = stallingUpload(header, rows.replace("41", "42"));
    const one = importCallVolume(db.prisma, first.body, options(), analyst);
    const two = importCallVolume(db.prisma, second.body, options({ dryRun: true }), analyst);
    await Promise.all([first.startTaken, second.startTaken]);
    await expect(
      importCallVolume(db.prisma, whole(header + rows), options(), analyst),
    ).rejects.toMatchObject({
      code: "RATE_LIMITED",
      message: expect.stringContaining("You already have 2 uploads in progress"),
    });
    expect(
      await importCallVolume(db.prisma, whole(header + rows), options({ dryRun: true }), colleague),
    ).toMatchObject({ status: "checked", rows: 2 });
    first.finish();
    expect(await one).toMatchObject({ status: "imported", rows: 2 });
    second.finish();
    expect(await two).toMatchObject({ status: "checked", rows: 2, changed: 1 });
    expect(
      await importCallVolume(db.prisma, whole(header + rows), options(), analyst),
    ).toMatchObject({ status: "imported", changed: 0 });
  });

  it("a file without line breaks is refused at line 1 with a short message", async () => {
    const result = await importCallVolume(
      db.prisma,
      whole(`date,reason,${"calls".repeat(20_000)}`),
      options(),
      analyst,
    );
    expect(result).toMatchObject({
      status: "refused",
      message: "line 1 is longer than 65,536 characters; is this a CSV file?",
    });
  });

  it("a long column name is never echoed whole", async () => {
    const long = "x".repeat(5_000);
    const result = await importCallVolume(
      db.prisma,
      whole(`date,reason,${long}\n2026-03-02,billing,1\n`),
      options(),
      analyst,
    );
    expect(result.status === "refused" && result.message).toContain('no column "calls"');
    expect(result.status === "refused" && result.message.length).toBeLessThan(300);
  });
});

describe("a semaphore", () => {
  it("lets at most its size run at once and serves the rest in order", async () => {
    const semaphore = new Semaphore(2);
    const gates: (() => void)[] = [];
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const works = [0, 1, 2, 3, 4].map((n) =>
      semaphore.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running--;
        order.push(n);
      }),
    );
    while (order.length < works.length) {
      await new Promise((resolve) => setImmediate(resolve));
      gates.shift()?.();
    }
    await Promise.all(works);
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(semaphore.inUse).toBe(0);
  });
});
