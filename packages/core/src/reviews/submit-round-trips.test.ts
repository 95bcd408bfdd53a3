import { type OpenDatabase, PrismaClient } from "@conductor/db";
import { createMember, createOrganization } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../actor";
import { appendAuditEvent } from "../audit/append";
import { verifyAuditTrail } from "../audit/verify";
import { loadCommunication } from "../communications/load";
import { recordVersion } from "../versions/record-version";
import { submitForReview } from "./submit";

// Fifty submissions at once in one organisation take turns on its audit
// trail: whatever a submission sends to the database between taking the
// trail's lock and committing, every other one waits for. These tests count
// the statements (never time them) so a change that adds round trips there,
// or to the submission as a whole, is seen.

describe("a submission's round trips to the database", () => {
  let db: OpenDatabase;
  let counted: PrismaClient<"query">;
  const statements: string[] = [];
  let organizationId: string;
  let managerId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    // The same connection, through a client that reports every statement it sends.
    counted = new PrismaClient({
      adapter: db.connection.adapterFactory,
      log: [{ emit: "event", level: "query" }],
    });
    counted.$on("query", (event) => statements.push(event.query));
    organizationId = (await createOrganization(db.prisma)).id;
    managerId = (await createMember(db.prisma, { organizationId, roles: ["COMMS_MANAGER"] })).user
      .id;
    for (const fn of ["LEGAL", "COMPLIANCE", "REGULATORY"] as const)
      await createMember(db.prisma, { organizationId, functions: [fn] });
  });
  afterAll(async () => {
    await counted.$disconnect();
    await db.close();
  });

  async function submitted(text: string) {
    const ctx = { db: counted, actor: await loadActor(db.prisma, managerId) };
    const row = await db.prisma.communication.create({
      data: {
        organizationId,
        ownerId: managerId,
        title: text,
        channel: "SMS",
        audienceDescription: "All",
      },
    });
    const communication = await loadCommunication(ctx, row.id);
    const version = await recordVersion(ctx, communication, {
      json: { type: "doc", content: [] },
      text,
      name: "For review",
      kind: "NAMED",
    });
    statements.length = 0;
    // An empty document scores below the minimum: the override is audited too.
    const review = await submitForReview(ctx, communication, {
      versionId: version.id,
      communicationId: communication.id,
      overrideReason: "Counted",
    });
    return { review, sent: [...statements] };
  }

  it("appends its audit entries in one turn on the trail: its statement is the last before commit", async () => {
    // The trail's lock is taken in the database's "audit_append" (as the
    // plain append's statement takes it by name).
    const takesLock = (sql: string) =>
      sql.includes("pg_advisory_xact_lock") || sql.includes('"audit_append"');
    for (const text of ["First", "Second"]) {
      const { sent } = await submitted(text);
      const locked = sent.findIndex(takesLock);
      expect(locked).toBeGreaterThan(0);
      expect(sent.filter(takesLock)).toHaveLength(1);
      // PostgreSQL's adapter logs "COMMIT"; PGlite's a comment naming the implicit COMMIT.
      const commit = sent.findIndex((sql, i) => i > locked && /\bCOMMIT\b/.test(sql));
      expect(commit).toBeGreaterThan(locked);
      // The writes with the entries, then commit (it was the lock and the
      // entries, the new head, commit).
      expect(commit - locked).toBeLessThanOrEqual(1);
    }
    const events = await db.prisma.auditEvent.findMany({
      where: { organizationId, kind: { in: ["SUBMITTED", "OVERRIDE"] } },
      orderBy: { sequence: "asc" },
      select: { kind: true },
    });
    expect(events.map((e) => e.kind)).toEqual(["SUBMITTED", "OVERRIDE", "SUBMITTED", "OVERRIDE"]);
    expect((await verifyAuditTrail(db.prisma, organizationId)).ok).toBe(true);
  });

  // 14 until the reads before the transaction became one statement, the
  // reads inside it another, and the writes one with the audit entries:
  // read; lock the open review, read who reviews, write; commit.
  it("sends at most 5 statements in all (it sent 21, then 14)", async () => {
    const { review, sent } = await submitted("Third");
    expect(sent.length).toBeLessThanOrEqual(5);
    // The row the writes returned is the review as Prisma's model reads it.
    expect(review).toEqual(await db.prisma.review.findUniqueOrThrow({ where: { id: review.id } }));
  });

  it("keeps one unbroken trail when submissions and other appends run at once", async () => {
    const before = await db.prisma.auditHead.findUniqueOrThrow({ where: { organizationId } });
    // Submissions (the database's audit_append inside their writes) beside
    // plain appends (lock, head and entries in one statement, then the head).
    await Promise.all([
      ...["Fourth", "Fifth", "Sixth"].map((text) => submitted(text)),
      ...[1, 2, 3].map((n) =>
        db.prisma.$transaction((tx) =>
          appendAuditEvent(tx, {
            organizationId,
            kind: "COMMUNICATION_CREATED",
            actorId: managerId,
            payload: { title: `Beside ${n}`, channel: "SMS", briefTemplate: null },
          }),
        ),
      ),
    ]);
    const added = await db.prisma.auditEvent.findMany({
      where: { organizationId, sequence: { gt: before.sequence } },
      orderBy: { sequence: "asc" },
      select: { sequence: true },
    });
    // Each submission's version saved, submitted and (below the minimum)
    // overridden; three plain appends: twelve entries, one after another.
    expect(added.map((e) => e.sequence)).toEqual(
      Array.from({ length: 12 }, (_, i) => before.sequence + i + 1),
    );
    const head = await db.prisma.auditHead.findUniqueOrThrow({ where: { organizationId } });
    expect(head.sequence).toBe(before.sequence + 12);
    expect((await verifyAuditTrail(db.prisma, organizationId)).ok).toBe(true);
  });
});
