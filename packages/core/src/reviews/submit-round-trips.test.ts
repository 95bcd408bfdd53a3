import { type OpenDatabase, PrismaClient } from "@conductor/db";
import { createMember, createOrganization } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../actor";
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
      // Taking the lock, reading the head and writing the entries; the new head.
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

  // 13 until the organisation's rule set in force became one more read (in
  // parallel with the version's, before the transaction).
  it("sends at most 14 statements in all (it sent 21)", async () => {
    const { sent } = await submitted("Third");
    expect(sent.length).toBeLessThanOrEqual(14);
  });
});
