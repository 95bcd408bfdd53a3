import type { OpenDatabase } from "@conductor/db";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../actor";
import type { UseCaseContext } from "../context";
import { simulateHistory } from "./evidence/simulate";
import { mapCallQuestion } from "./map-call-question";
import { questionCoverage } from "./question-coverage";
import { writeSimulatedHistory } from "./simulated-history";
import { evidenceOrganizations } from "./testing";

// Twenty-four releases over twelve reasons (two each), every release
// driving calls on its own reason. Even releases' briefs ask a question in
// their reason's words; odd ones, all "payment" briefs, ask something no
// reason answers — so each odd reason rises unpredicted twice.
const labels = [
  "Payment date",
  "Bill amount",
  "Tariff change",
  "Meter reading",
  "Direct debit",
  "Refund",
  "Moving home",
  "Solar panels",
  "Outage",
  "Complaint",
  "Account access",
  "Discount",
];
const fitting = [
  "When is my payment date?",
  "Why is my bill amount higher?",
  "Why did my tariff change?",
  "How do I send a meter reading?",
  "When is the direct debit taken?",
  "When will I get my refund?",
  "What if I am moving home?",
  "Do solar panels change this?",
  "How long is the outage?",
  "How do I make a complaint?",
  "Why can't I get account access?",
  "Do I keep my discount?",
];
const UNRELATED = "Do I need to send anything?";
const history = simulateHistory({ seed: 5, releases: 24, reasons: 12, days: 260, holdoutShare: 0 });

describe("likely questions against the calls that came", () => {
  let db: OpenDatabase;
  let organizationId: string;
  let otherOrganizationId: string;
  let users: { manager: string; analyst: string; admin: string };
  const as = async (userId: string): Promise<UseCaseContext> => ({
    db: db.prisma,
    actor: await loadActor(db.prisma, userId),
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ organizationId, otherOrganizationId, users } = await evidenceOrganizations(db.prisma));
    const { manager } = users;
    await writeSimulatedHistory(db.prisma, { organizationId, ownerId: manager }, history, {
      labels: (_, index) => labels[index] ?? "Other",
      brief: (index) =>
        index % 2 === 0
          ? { likelyQuestions: [fitting[index % 12]], journeyStage: "account-change" }
          : { likelyQuestions: [UNRELATED], journeyStage: "payment" },
    });
  });
  afterAll(() => db.close());

  it("shows which predicted questions came as calls and which reasons nobody predicted", async () => {
    const coverage = await questionCoverage(await as(users.analyst), organizationId);
    expect(coverage.releases).toHaveLength(24);
    const rose = history.releases.map((r) => {
      const reason = r.report.topReasons[0];
      return reason ? reason.observed - reason.expected > 2 * Math.sqrt(reason.expected) : false;
    });
    // Most simulated messages drive a clear rise on their reason; the test reads the truth per release.
    expect(rose.filter(Boolean).length).toBeGreaterThanOrEqual(18);
    // Releases come in release order; the simulation's index is found by title.
    const indexOf = new Map(history.releases.map((r, i) => [r.facts.communication.title, i]));
    for (const release of coverage.releases) {
      const index = indexOf.get(release.title) ?? -1;
      const code = history.releases[index]?.facts.reasons[0];
      const [question] = release.predicted;
      if (index % 2 === 0) {
        expect(question).toMatchObject({ source: "matched", reasonCodes: [code] });
        expect(question?.outcome).toBe(rose[index] ? "showed-up" : "quiet");
        expect(release.unpredicted).toEqual([]);
      } else {
        expect(question).toMatchObject({
          question: UNRELATED,
          reasonCodes: [],
          outcome: "not-measured",
        });
        expect(release.unpredicted.map((u) => u.code)).toEqual(rose[index] ? [code] : []);
      }
    }
    // Payment briefs keep missing the odd reasons: suggested where both of a reason's releases rose.
    const expected = history.reasons.filter(
      (_, r) => r % 2 === 1 && rose[r] === true && rose[r + 12] === true,
    );
    expect(coverage.suggestions.map((s) => s.reasonCode).sort()).toEqual(expected.sort());
    for (const s of coverage.suggestions)
      expect(s).toMatchObject({ journeyStage: "payment", releases: 2, of: 2 });
    expect(coverage.questions.find((q) => q.question === UNRELATED)?.briefs).toBe(12);
  });

  it("lets an analyst map a question to reasons, audited, and the coverage follows", async () => {
    const analyst = await as(users.analyst);
    const trail = () =>
      db.prisma.auditEvent.findMany({
        where: { organizationId, kind: "CALL_QUESTION_MAPPED" },
        select: { payload: true },
      });
    const before = await questionCoverage(analyst, organizationId);
    const missed = before.suggestions[0];
    if (!missed) throw new Error("the seeded history gave no missed question");
    await mapCallQuestion(analyst, {
      organizationId,
      question: "  do I need to SEND anything ",
      reasonCodes: [missed.reasonCode, missed.reasonCode],
    });
    // The same mapping again changes nothing and appends nothing.
    await mapCallQuestion(analyst, {
      organizationId,
      question: UNRELATED,
      reasonCodes: [missed.reasonCode],
    });
    const events = await trail();
    expect(events).toHaveLength(1);
    expect(JSON.parse(String(events[0]?.payload))).toEqual({
      question: "do i need to send anything",
      from: null,
      to: [missed.reasonCode],
    });
    const after = await questionCoverage(analyst, organizationId);
    expect(after.suggestions.map((s) => s.reasonCode)).not.toContain(missed.reasonCode);
    const mappedRelease = after.releases.find((r) => {
      const simulated = history.releases.find((h) => h.facts.communication.title === r.title);
      return r.journeyStage === "payment" && simulated?.facts.reasons[0] === missed.reasonCode;
    });
    expect(mappedRelease?.predicted[0]).toMatchObject({ source: "mapped", outcome: "showed-up" });
    expect(mappedRelease?.unpredicted).toEqual([]);
  });

  it("refuses another organisation, a weaker role and reasons outside the taxonomy", async () => {
    const analyst = await as(users.analyst);
    await expect(questionCoverage(analyst, otherOrganizationId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(questionCoverage(await as(users.manager), organizationId)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      mapCallQuestion(await as(users.manager), {
        organizationId,
        question: UNRELATED,
        reasonCodes: [],
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      mapCallQuestion(analyst, {
        organizationId: otherOrganizationId,
        question: "Why?",
        reasonCodes: [],
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      mapCallQuestion(analyst, { organizationId, question: "Why?", reasonCodes: ["not-a-reason"] }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { reasonCodes: "Unknown: not-a-reason" },
    });
    await expect(
      mapCallQuestion(analyst, { organizationId, question: " ?? ", reasonCodes: [] }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});
