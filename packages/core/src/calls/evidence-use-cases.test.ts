import type { OpenDatabase } from "@conductor/db";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../actor";
import { loadCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { callEvidence } from "./call-evidence";
import { simulateHistory } from "./evidence/simulate";
import { predictCalls } from "./predict-calls";
import { setCallCost } from "./set-call-cost";
import { writeSimulatedHistory } from "./simulated-history";
import { evidenceOrganizations } from "./testing";

// A simulated history written into the database as the product stores it:
// its daily calls as an import, its releases with their findings. Twelve
// releases, one per reason, is the smallest history the model fits.
const history = simulateHistory({
  seed: 11,
  releases: 12,
  reasons: 12,
  days: 135,
  holdoutShare: 0,
});

describe("the evidence use cases on the database", () => {
  let db: OpenDatabase;
  let organizationId: string;
  let otherOrganizationId: string;
  let users: { manager: string; analyst: string; admin: string };
  let communicationIds: string[];
  const as = async (userId: string): Promise<UseCaseContext> => ({
    db: db.prisma,
    actor: await loadActor(db.prisma, userId),
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ organizationId, otherOrganizationId, users } = await evidenceOrganizations(db.prisma));
    const { manager } = users;
    ({ communicationIds } = await writeSimulatedHistory(
      db.prisma,
      { organizationId, ownerId: manager },
      history,
    ));
  });
  afterAll(() => db.close());

  it("fits on the releases as the report card measures them, and shows calibration and rule evidence", async () => {
    const evidence = await callEvidence(await as(users.analyst), organizationId);
    if (evidence.status !== "fitted") throw new Error(`not fitted: ${evidence.status}`);
    expect(evidence.releasesMeasured).toBe(12);
    expect(evidence.releasesUnmeasured).toBe(0);
    // The database's measurement is the simulator's own releaseReport of the same series.
    const simulated = new Map(
      history.releases.map((r) => [r.facts.communication.title, r.report.contactRate?.estimate]),
    );
    for (const row of evidence.calibration.rows) {
      expect(row.measured).toBeCloseTo(simulated.get(row.title) ?? Number.NaN, 6);
      expect(row.predicted.low).toBeLessThan(row.predicted.high);
    }
    expect(evidence.calibration.rows).toHaveLength(12);
    expect(evidence.calibration.shareInside).toBe(
      evidence.calibration.rows.filter((r) => r.inside).length / 12,
    );
    for (const rule of evidence.rules) {
      expect(rule.nWith + rule.nWithout).toBe(12);
      expect(rule.rateRatio.low).toBeLessThanOrEqual(rule.rateRatio.estimate);
      expect(rule.title).not.toBe("");
    }
    // Twelve releases are far too few to clear the proposal bar.
    expect(evidence.proposal.changes).toEqual([]);
    // Nothing adopted yet: the proposal starts from the product's defaults.
    expect(evidence.proposal.basedOn).toBeNull();
  });

  it("predicts a version's calls for its audience, priced once an admin sets what a call costs", async () => {
    const ctx = await as(users.manager);
    const communication = await loadCommunication(ctx, communicationIds[0] as string);
    const before = await predictCalls(ctx, communication, { recipients: 24_000 });
    if (before.status !== "predicted") throw new Error(`not predicted: ${before.status}`);
    expect(before.cost).toBeNull();
    expect(before.recipients).toBe(24_000);
    expect(before.calls?.estimate).toBeCloseTo((before.perThousand.estimate * 24_000) / 1000, 6);
    expect(before.perThousand.low).toBeLessThan(before.perThousand.estimate);
    expect(before.contributions.length).toBeLessThanOrEqual(3);

    const trail = () => db.prisma.auditEvent.count({ where: { organizationId } });
    const events = await trail();
    await expect(
      setCallCost(await as(users.analyst), { organizationId, costPerCall: 4.5, currency: "USD" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await setCallCost(await as(users.admin), { organizationId, costPerCall: 4.5, currency: "USD" });
    expect(await trail()).toBe(events + 1);
    // The same value again changes nothing and appends nothing.
    await setCallCost(await as(users.admin), { organizationId, costPerCall: 4.5, currency: "USD" });
    expect(await trail()).toBe(events + 1);

    const after = await predictCalls(ctx, communication, { recipients: 24_000 });
    if (after.status !== "predicted" || !after.calls) throw new Error("not predicted");
    expect(after.cost).toMatchObject({ currency: "USD", perCall: 4.5 });
    expect(after.cost?.estimate).toBeCloseTo(after.calls.estimate * 4.5, 6);
    expect(after.cost?.high).toBeCloseTo(after.calls.high * 4.5, 6);
  });

  it("says there is too little history rather than giving a number", async () => {
    const ctx = await as(users.analyst);
    const other = await db.prisma.membership.findFirstOrThrow({
      where: { organizationId: otherOrganizationId },
    });
    const theirs = await as(other.userId);
    expect(await callEvidence(theirs, otherOrganizationId)).toEqual({
      status: "no-history",
      releasesMeasured: 0,
      releasesNeeded: 8,
    });
    // And no one reads another organisation's evidence, nor a weaker role this one's.
    await expect(callEvidence(ctx, otherOrganizationId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(callEvidence(await as(users.manager), organizationId)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    // Beside Submit, no number: the questions the rules expect this version to raise.
    const draft = await db.prisma.communication.create({
      data: {
        organizationId: otherOrganizationId,
        ownerId: other.userId,
        title: "Fee notice",
        channel: "EMAIL",
        audienceDescription: "All customers",
      },
    });
    await db.prisma.communicationVersion.create({
      data: {
        communicationId: draft.id,
        number: 1,
        name: "First",
        kind: "NAMED",
        authorId: other.userId,
        json: {
          type: "doc",
          content: [
            {
              type: "paragraph",
              content: [{ type: "text", text: "A fee of $25 applies. Pay by 3 June 2027." }],
            },
          ],
        },
        text: "A fee of $25 applies. Pay by 3 June 2027.",
        contentHash: "fee-notice-1",
      },
    });
    const prediction = await predictCalls(theirs, await loadCommunication(theirs, draft.id), {});
    if (prediction.status !== "no-history") throw new Error(`not no-history: ${prediction.status}`);
    expect(prediction.releasesNeeded).toBe(8);
    expect(prediction.likelyQuestions.map((q) => q.question)).toEqual(
      expect.arrayContaining(["Why is it this amount?", "What happens if I miss the date?"]),
    );
  });
});
