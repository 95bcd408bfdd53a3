import type { OpenDatabase } from "@conductor/db";
import { createOrganization } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditEvent } from "./append";
import { verifyAuditTrail } from "./verify";

describe("the audit trail", () => {
  let db: OpenDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  /** A fresh organisation with `n` entries in its trail. */
  async function trailOf(n: number) {
    const organizationId = (await createOrganization(db.prisma)).id;
    for (let i = 1; i <= n; i++)
      await db.prisma.$transaction((tx) =>
        appendAuditEvent(tx, {
          organizationId,
          kind: "VERSION_SAVED",
          actorId: null,
          communicationId: "c1",
          // Quotes, accents, emoji and a line break: the database must hash the same bytes.
          payload: {
            versionId: `v${i}`,
            number: i,
            name: `Version ${i} — “café” 🎉\nline two`,
            kind: "MANUAL",
            contentHash: "0".repeat(64),
            briefRevisionId: null,
            restoredFromId: null,
          },
        }),
      );
    const rows = await db.prisma.auditEvent.findMany({
      where: { organizationId },
      orderBy: { sequence: "asc" },
    });
    return { organizationId, rows };
  }

  /** What someone with direct database access could do: the trigger off, a row changed. */
  async function tamper(sql: string, ...values: unknown[]) {
    await db.prisma.$executeRawUnsafe(
      'ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"',
    );
    try {
      await db.prisma.$executeRawUnsafe(sql, ...values);
    } finally {
      await db.prisma.$executeRawUnsafe(
        'ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"',
      );
    }
  }

  it("numbers entries without gaps, links each to the one before, and verifies", async () => {
    const { organizationId, rows } = await trailOf(5);
    expect(rows.map((r) => r.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]!.prevHash).toBe("");
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(await verifyAuditTrail(db.prisma, organizationId)).toMatchObject({
      ok: true,
      checked: 5,
      message: "All 5 entries verified: nothing altered or removed",
    });
  });

  it("stores the hash auditHash gives for each entry, several appended at once", async () => {
    // The database chains the entries (append.ts); a reader checks them with
    // chain.ts's definition, so the two must give the same bytes.
    const { auditHash } = await import("./chain");
    const { appendAuditEvents } = await import("./append");
    const { organizationId } = await trailOf(1);
    await db.prisma.$transaction((tx) =>
      appendAuditEvents(
        tx,
        ["Zweite “Fassung” 🎉", "third\tone"].map((name, i) => ({
          organizationId,
          kind: "VERSION_SAVED" as const,
          actorId: null,
          communicationId: i === 0 ? null : "c1",
          payload: {
            versionId: `w${i}`,
            number: i + 2,
            name,
            kind: "MANUAL" as const,
            contentHash: "1".repeat(64),
            briefRevisionId: null,
            restoredFromId: null,
          },
        })),
      ),
    );
    const rows = await db.prisma.auditEvent.findMany({
      where: { organizationId },
      orderBy: { sequence: "asc" },
    });
    expect(rows.map((r) => r.sequence)).toEqual([1, 2, 3]);
    expect(rows[1]!.communicationId).toBeNull();
    for (const row of rows) expect(row.hash).toBe(auditHash(row));
    const head = await db.prisma.auditHead.findUniqueOrThrow({ where: { organizationId } });
    expect(head).toMatchObject({ sequence: 3, hash: rows[2]!.hash });
  });

  it("refuses to update or delete an entry", async () => {
    const { rows } = await trailOf(1);
    await expect(
      db.prisma.auditEvent.update({ where: { id: rows[0]!.id }, data: { payload: "{}" } }),
    ).rejects.toThrow(/append-only/);
    await expect(db.prisma.auditEvent.delete({ where: { id: rows[0]!.id } })).rejects.toThrow(
      /append-only/,
    );
  });

  it("names the entry whose stored row was changed directly in the database", async () => {
    const { organizationId, rows } = await trailOf(6);
    await tamper(
      `UPDATE "AuditEvent" SET "payload" = '{"number": 3, "name": "Approved by nobody"}' WHERE "id" = $1`,
      rows[2]!.id,
    );
    expect(await verifyAuditTrail(db.prisma, organizationId)).toMatchObject({
      ok: false,
      checked: 2,
      problem: { kind: "altered", sequence: 3, id: rows[2]!.id },
      message: `Entry 3 (${rows[2]!.id}) was altered: its content no longer matches its hash`,
    });
  });

  it("names a removed entry, in the middle or at the end", async () => {
    const middle = await trailOf(5);
    await tamper(`DELETE FROM "AuditEvent" WHERE "id" = $1`, middle.rows[3]!.id);
    expect(await verifyAuditTrail(db.prisma, middle.organizationId)).toMatchObject({
      ok: false,
      problem: { kind: "missing", sequence: 4 },
      message: `Entry 4 is missing: it was removed after entry 3 (${middle.rows[2]!.id})`,
    });

    const end = await trailOf(5);
    await tamper(`DELETE FROM "AuditEvent" WHERE "id" = $1`, end.rows[4]!.id);
    expect(await verifyAuditTrail(db.prisma, end.organizationId)).toMatchObject({
      ok: false,
      checked: 4,
      problem: { kind: "missing", sequence: 5 },
    });
  });

  it("names an entry re-hashed to hide an edit, at the link after it", async () => {
    const { organizationId, rows } = await trailOf(4);
    // Change entry 2 and give it a matching hash: entry 3 still points at the old one.
    const { auditHash } = await import("./chain");
    const forged = { ...rows[1]!, payload: '{"name":"Forged","number":2}' };
    await tamper(
      `UPDATE "AuditEvent" SET "payload" = $1, "hash" = $2 WHERE "id" = $3`,
      forged.payload,
      auditHash(forged),
      rows[1]!.id,
    );
    expect(await verifyAuditTrail(db.prisma, organizationId)).toMatchObject({
      ok: false,
      problem: { kind: "relinked", sequence: 3, id: rows[2]!.id },
    });
  });

  it("keeps one unbroken chain when many changes append at the same moment", async () => {
    const organizationId = (await createOrganization(db.prisma)).id;
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        db.prisma.$transaction((tx) =>
          appendAuditEvent(tx, {
            organizationId,
            kind: "CALL_REASONS_MAPPED",
            actorId: null,
            payload: { from: [], to: [`R${i}`] },
          }),
        ),
      ),
    );
    const rows = await db.prisma.auditEvent.findMany({
      where: { organizationId },
      orderBy: { sequence: "asc" },
    });
    expect(rows.map((r) => r.sequence)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => (JSON.parse(r.payload) as { to: string[] }).to[0])).size).toBe(
      25,
    );
    expect((await verifyAuditTrail(db.prisma, organizationId)).ok).toBe(true);
  });

  it("writes nothing when the change it records fails in the same transaction", async () => {
    const organizationId = (await createOrganization(db.prisma)).id;
    await expect(
      db.prisma.$transaction(async (tx) => {
        await appendAuditEvent(tx, {
          organizationId,
          kind: "BRIEF_CHANGED",
          actorId: null,
          payload: { revision: 1, revisionId: "r1", brief: {} },
        });
        throw new Error("the brief could not be saved");
      }),
    ).rejects.toThrow(/could not be saved/);
    expect(await db.prisma.auditEvent.count({ where: { organizationId } })).toBe(0);
    expect(await db.prisma.auditHead.count({ where: { organizationId } })).toBe(0);
  });
});

describe("the trail as CSV", () => {
  it("quotes cells with commas, quotes or line breaks, and keeps the payload's JSON whole", async () => {
    const { trailCsv } = await import("./trail");
    const csv = trailCsv([
      {
        sequence: 1,
        createdAt: "2026-11-24T10:00:00.000Z",
        kind: "DECIDED",
        actor: "Okafor, Leo",
        actorEmail: "legal@harbour.example",
        payload: { comment: 'Say "when",\nplease' },
        prevHash: "",
        hash: "ab",
      },
    ]);
    expect(csv).toBe(
      "sequence,createdAt,kind,actor,actorEmail,payload,prevHash,hash\r\n" +
        '1,2026-11-24T10:00:00.000Z,DECIDED,"Okafor, Leo",legal@harbour.example,"{""comment"":""Say \\""when\\"",\\nplease""}",,ab\r\n',
    );
  });
});
