import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copyRoute, type Database, openDatabase, PrismaClient } from "@conductor/db";
import { serveEmbeddedDatabase } from "@conductor/db/embedded";
import { applyMigrations } from "@conductor/db/migrate";
import { createOrganizationWithMembers } from "@conductor/db/seed";
import { createTestDatabase, freePort } from "@conductor/db/testing";
import { describe, expect, it } from "vitest";
import { importCallVolume } from "./import";
import { dailyImportOptions } from "./testing";

// Values COPY's text format would misread if they were not escaped (a
// backslash starts an escape there), beside quotes and non-ASCII text.
const awkward = `date,reason,calls,segment,region
2026-03-02,billing,41,res\\idential,"North ""East"""
2026-03-02,billing,7,\\N,Zürich \\t
2026-03-03,billing,38,C:\\\\share,
`;

async function* bytes(text: string) {
  yield new TextEncoder().encode(text);
}

const stages = async (db: Database) =>
  (
    await db.$queryRawUnsafe<{ name: string }[]>(
      `SELECT tablename AS name FROM pg_tables WHERE tablename LIKE 'call\\_stage\\_%'`,
    )
  ).map((r) => r.name);

async function importsAwkwardValues(db: Database, leftOver: string[] = []) {
  const {
    organizationId,
    userIds: [userId],
  } = await createOrganizationWithMembers(db, [["ANALYST"]]);
  await db.callReason.create({ data: { organizationId, code: "billing", label: "Billing" } });
  const by = { kind: "person" as const, userId };
  const options = dailyImportOptions(organizationId, {
    mapping: {
      date: "date",
      reason: "reason",
      calls: "calls",
      segment: "segment",
      region: "region",
    },
  });
  const result = await importCallVolume(db, bytes(awkward), options, by);
  expect(result).toMatchObject({ status: "imported", rows: 3, changed: 3 });
  const rows = await db.callVolume.findMany({
    where: { organizationId },
    orderBy: { calls: "asc" },
    select: { segment: true, region: true, calls: true },
  });
  expect(rows).toEqual([
    { segment: "\\N", region: "Zürich \\t", calls: 7 },
    { segment: "C:\\\\share", region: "", calls: 38 },
    { segment: "res\\idential", region: 'North "East"', calls: 41 },
  ]);
  // A refused file and a dry run leave no staging table behind either.
  const refused = await importCallVolume(
    db,
    bytes(`${awkward}2026-03-04,nope,1,a,b\n`),
    options,
    by,
  );
  expect(refused.status).toBe("refused");
  const checked = await importCallVolume(db, bytes(awkward), { ...options, dryRun: true }, by);
  expect(checked).toMatchObject({ status: "checked", changed: 0 });
  expect(await stages(db)).toEqual(leftOver);
}

describe("the call-volume import's routes into the staging table", () => {
  it("copies on the run's database (COPY), values arriving exactly as written", async () => {
    const db = await createTestDatabase();
    try {
      expect(await copyRoute(db.prisma)).toBe(
        db.connection.target.kind === "pglite" ? "blob" : "stdin",
      );
      await importsAwkwardValues(db.prisma);
    } finally {
      await db.close();
    }
  });

  // A fresh embedded database is migrated from nothing: slow on a busy machine.
  it("writes statements to the embedded database served over a socket, which has no COPY", async () => {
    const served = await serveEmbeddedDatabase({
      dataDir: join(mkdtempSync(join(tmpdir(), "conductor-copy-route-")), "pglite"),
      port: await freePort(),
      prepare: (connection) => applyMigrations(connection).then(() => {}),
    });
    const db = await openDatabase({ kind: "postgres", url: served.url });
    try {
      expect(await copyRoute(db.prisma)).toBeNull();
      await importsAwkwardValues(db.prisma);
    } finally {
      await db.close();
      await served.stop();
    }
  }, 120_000);

  it("a client made without openDatabase has no COPY route and still imports", async () => {
    const db = await createTestDatabase();
    const bare = new PrismaClient({ adapter: db.connection.adapterFactory });
    try {
      expect(await copyRoute(bare)).toBeNull();
      await importsAwkwardValues(bare);
    } finally {
      await bare.$disconnect();
      await db.close();
    }
  });

  it("sweeps a stage abandoned hours ago by a process that died, and leaves a fresh one", async () => {
    const db = await createTestDatabase();
    try {
      const old = `call_stage_${(Date.now() - 7 * 3600_000).toString(36)}_dead`;
      const fresh = `call_stage_${Date.now().toString(36)}_busy`;
      for (const name of [old, fresh])
        await db.prisma.$executeRawUnsafe(`CREATE TABLE "${name}" ()`);
      await importsAwkwardValues(db.prisma, [fresh]);
    } finally {
      await db.close();
    }
  });
});
