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

  it("appends its audit entries in one turn on the trail: two statements between the lock and commit", async () => {
    for (const text of ["First", "Second"]) {
      const { sent } = await submitted(text);
      const locked = sent.findIndex((sql) => sql.includes("pg_advisory_xact_lock"));
      expect(locked).toBeGreaterThan(0);
      expect(sent.filter((sql) => sql.includes("pg_advisory_xact_lock"))).toHaveLength(1);
      // PostgreSQL's adapter logs "COMMIT"; PGlite's a comment naming the implicit COMMIT.
      const commit = sent.findIndex((sql, i) => i > locked && /\bCOMMIT\b/.test(sql));
      expect(commit).toBeGreaterThan(locked);
      // The writes take the lock; the entries and the new head; commit.
      expect(commit - locked).toBeLessThanOrEqual(2);
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
  // reads inside it another, and the writes one that takes the trail lock:
  // read; lock the open review, read who reviews, write, append; commit.
  it("sends at most 6 statements in all (it sent 21, then 14)", async () => {
    const { review, sent } = await submitted("Third");
    expect(sent.length).toBeLessThanOrEqual(6);
    // The row the writes returned is the review as Prisma's model reads it.
    expect(review).toEqual(await db.prisma.review.findUniqueOrThrow({ where: { id: review.id } }));
  });

  it("keeps one unbroken trail when submissions and other appends run at once", async () => {
    const before = await db.prisma.auditHead.findUniqueOrThrow({ where: { organizationId } });
    // Submissions (the trail lock taken by their writes, the entries after)
    // beside plain appends (lock, head and entries in one statement).
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
