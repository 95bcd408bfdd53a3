import { describe, expect, it } from "vitest";
import { type ReleaseFacts, releaseReport, type WindowUnit } from "./release-report";
import { suppressSmallCells } from "./suppression";

const z = 1.959964;

const release = (overrides: Partial<ReleaseFacts> = {}): ReleaseFacts => ({
  releaseId: "rel-2",
  communication: { id: "c1", title: "Your direct debit date is moving", channel: "EMAIL" },
  versionId: "v3",
  releasedAt: new Date("2026-10-04T12:00:00Z"),
  sendDates: [new Date("2026-10-05T00:00:00Z")],
  recipients: 10_000,
  score: 74,
  findingRuleIds: ["passive-voice", "long-sentence", "passive-voice"],
  reasons: ["direct-debit", "billing"],
  windowDays: 7,
  holdout: null,
  ...overrides,
});

/** A window day with 8 baseline weeks of mean 10 and sample variance 10 (Poisson-like). */
const day = (reason: string, lag: number, observed: number, more: Partial<WindowUnit> = {}) =>
  ({
    reason,
    lag,
    covered: true,
    observed,
    n: 8,
    mean: 10,
    ssd: 70,
    unit: "day",
    ...more,
  }) satisfies WindowUnit;

const noHoldoutCalls = { sent: 0, heldOut: 0, daysWithData: 0 };

describe("one release's report from its measured window", () => {
  it("sums measured days into the excess, contact rate, lag profile and top reasons", () => {
    const report = releaseReport(release(), {
      units: [
        day("direct-debit", 0, 30),
        day("direct-debit", 1, 20),
        day("billing", 0, 12),
        // Three baseline weeks are too few, and a day past the data is not measured.
        day("billing", 1, 40, { n: 3 }),
        day("billing", 2, 0, { covered: false, n: null, mean: null, ssd: null }),
      ],
      holdoutCalls: noHoldoutCalls,
      predecessor: null,
    });
    // Observed 30 + 20 + 12 = 62 against 3 × 10 = 30 expected.
    expect(report.observed).toBe(62);
    expect(report.expected).toBe(30);
    // Σ ssd/mean = 3 × 7 = 21 over 3 × 7 degrees of freedom: exactly Poisson.
    expect(report.dispersion).toBe(1);
    // se = √(φ · E · (1 + 1/8)) = √(30 × 1.125) = √33.75.
    expect(report.excess!.estimate).toBe(32);
    expect(report.excess!.se).toBeCloseTo(Math.sqrt(33.75), 10);
    expect(report.excess!.low).toBeCloseTo(32 - z * Math.sqrt(33.75), 4);
    expect(report.excess!.high).toBeCloseTo(32 + z * Math.sqrt(33.75), 4);
    expect(report.directional).toEqual(report.excess);
    // 32 excess calls over 10,000 recipients is 3.2 per 1,000.
    expect(report.contactRate!.estimate).toBeCloseTo(3.2, 10);
    expect(report.contactRate!.low).toBeCloseTo((32 - z * Math.sqrt(33.75)) / 10, 4);
    expect(report.lagProfile).toEqual([
      { lag: 0, observed: 42, expected: 20, excess: 22 },
      { lag: 1, observed: 20, expected: 10, excess: 10 },
    ]);
    expect(report.topReasons).toEqual([
      { reason: "direct-debit", observed: 50, expected: 20, excess: 30 },
      { reason: "billing", observed: 12, expected: 10, excess: 2 },
    ]);
    expect(report).toMatchObject({
      evidence: "directional",
      lagUnit: "day",
      daysMeasured: 3,
      daysInWindow: 5,
      weeksMeasured: 0,
      weeksInWindow: 0,
      reasons: ["billing", "direct-debit"],
      ruleIds: ["long-sentence", "passive-voice"],
      windowDays: 7,
      holdout: null,
      versusPredecessor: null,
    });
  });

  it("widens the interval by the baseline's overdispersion, never narrows it", () => {
    const spread = releaseReport(release(), {
      // Sample variance 40 around a mean of 10: φ = (280/10 + 280/10) / 14 = 4.
      units: [day("billing", 0, 25, { ssd: 280 }), day("billing", 1, 15, { ssd: 280 })],
      holdoutCalls: noHoldoutCalls,
      predecessor: null,
    });
    expect(spread.dispersion).toBe(4);
    expect(spread.excess!.se).toBeCloseTo(Math.sqrt(4 * 20 * 1.125), 10);
    const steady = releaseReport(release(), {
      // No spread at all would be narrower than Poisson: φ stays 1.
      units: [day("billing", 0, 25, { ssd: 0 }), day("billing", 1, 15, { ssd: 0 })],
      holdoutCalls: noHoldoutCalls,
      predecessor: null,
    });
    expect(steady.dispersion).toBe(1);
    expect(steady.excess!.se).toBeCloseTo(Math.sqrt(20 * 1.125), 10);
  });

  it("counts baseline weeks per day: fewer weeks, a less certain expectation", () => {
    const report = releaseReport(release(), {
      // 10/4 + 10/4 = 5 expected-per-week: 20 / 5 = 4 weeks on average.
      units: [day("billing", 0, 20, { n: 4, ssd: 30 }), day("billing", 1, 20, { n: 4, ssd: 30 })],
      holdoutCalls: noHoldoutCalls,
      predecessor: null,
    });
    expect(report.excess!.se).toBeCloseTo(Math.sqrt(20 * 1.25), 10);
  });

  it("steps the lag profile by week when every measured reason is counted weekly", () => {
    const week = (lag: number, observed: number) => day("billing", lag, observed, { unit: "week" });
    const report = releaseReport(release(), {
      units: [week(0, 90), week(1, 30)],
      holdoutCalls: noHoldoutCalls,
      predecessor: null,
    });
    expect(report.lagUnit).toBe("week");
    expect(report).toMatchObject({ daysMeasured: 0, daysInWindow: 0, weeksMeasured: 2 });
    expect(report.lagProfile).toEqual([
      { lag: 0, observed: 90, expected: 10, excess: 80 },
      { lag: 1, observed: 30, expected: 10, excess: 20 },
    ]);
  });

  it("compares against the customers held back when the data tells the groups apart", () => {
    const report = releaseReport(
      release({ holdout: { sentSegment: "sent", heldOutSegment: "held", heldOut: 1_000 } }),
      {
        units: [day("billing", 0, 30)],
        // 300 calls from 10,000 sent (30 per 1,000) against 10 from 1,000 held back (10 per 1,000).
        holdoutCalls: { sent: 300, heldOut: 10, daysWithData: 5 },
        predecessor: null,
      },
    );
    expect(report.evidence).toBe("holdout");
    // Wald: se per customer = √(300/10,000² + 10/1,000²) = √0.000013.
    const se = Math.sqrt(0.000013);
    expect(report.holdout!.perThousand!.estimate).toBeCloseTo(20, 10);
    expect(report.holdout!.perThousand!.low).toBeCloseTo(1000 * (0.02 - z * se), 4);
    expect(report.holdout!.ratio!.estimate).toBeCloseTo(3, 10);
    expect(report.contactRate).toEqual(report.holdout!.perThousand);
    // 20 more calls per 1,000 over 10,000 customers sent it: 200 calls, se 10,000 × se.
    expect(report.excess!.estimate).toBeCloseTo(200, 8);
    expect(report.excess!.se).toBeCloseTo(10_000 * se, 4);
    // The own-baseline figure is still reported beside it.
    expect(report.directional!.estimate).toBe(20);
  });

  it("falls back to the message's own baseline when the holdout groups have no data", () => {
    const report = releaseReport(
      release({ holdout: { sentSegment: "sent", heldOutSegment: "held", heldOut: 1_000 } }),
      { units: [day("billing", 0, 30)], holdoutCalls: noHoldoutCalls, predecessor: null },
    );
    expect(report.evidence).toBe("directional");
    expect(report.holdout).toMatchObject({ daysWithData: 0, ratio: null, perThousand: null });
    expect(report.excess!.estimate).toBe(20);
  });

  it("says why there is no figure: no reasons mapped, or no data around the window", () => {
    const unmapped = releaseReport(release({ reasons: [] }), {
      units: [],
      holdoutCalls: noHoldoutCalls,
      predecessor: null,
    });
    expect(unmapped).toMatchObject({ evidence: "no-reasons", excess: null, contactRate: null });
    const uncovered = releaseReport(release(), {
      units: [day("billing", 0, 0, { covered: false, n: null, mean: null, ssd: null })],
      holdoutCalls: noHoldoutCalls,
      predecessor: null,
    });
    expect(uncovered).toMatchObject({
      evidence: "insufficient-data",
      excess: null,
      directional: null,
      lagUnit: "day",
      daysMeasured: 0,
      daysInWindow: 1,
      observed: 0,
      lagProfile: [],
    });
  });

  it("sets a rewrite against its predecessor as the ratio of excess contact rates", () => {
    const report = releaseReport(release(), {
      units: [day("billing", 0, 30), day("billing", 1, 30)],
      holdoutCalls: noHoldoutCalls,
      // 80 excess calls over 20,000 recipients: 4 per 1,000, against this one's 40 over 10,000.
      predecessor: {
        releaseId: "rel-1",
        recipients: 20_000,
        excess: { estimate: 80, low: 60, high: 100, se: 10 },
      },
    });
    const se = Math.sqrt(20 * 1.125);
    const half = z * Math.sqrt((se / 40) ** 2 + (10 / 80) ** 2);
    expect(report.versusPredecessor!.releaseId).toBe("rel-1");
    expect(report.versusPredecessor!.ratio!.estimate).toBeCloseTo(1, 10);
    expect(report.versusPredecessor!.ratio!.low).toBeCloseTo(Math.exp(-half), 4);
    const unmeasured = releaseReport(release(), {
      units: [day("billing", 0, 30)],
      holdoutCalls: noHoldoutCalls,
      predecessor: { releaseId: "rel-1", recipients: 20_000, excess: null },
    });
    expect(unmeasured.versusPredecessor).toEqual({ releaseId: "rel-1", ratio: null });
  });

  it("hides counts of 1–10 from people, and the figures that would give them back", () => {
    const report = releaseReport(release(), {
      units: [day("billing", 0, 8, { mean: 2, ssd: 14 }), day("direct-debit", 0, 30)],
      holdoutCalls: noHoldoutCalls,
      predecessor: null,
    });
    const shown = suppressSmallCells(report);
    // 38 calls in all may be shown; billing's 8 may not, nor its excess (8 − 2 gives it back).
    expect(shown.suppressed).toBe(false);
    expect(shown.observed).toBe(38);
    expect(shown.excess).toEqual(report.excess);
    expect(shown.topReasons.find((r) => r.reason === "billing")).toMatchObject({
      observed: Number.NaN,
      excess: Number.NaN,
      expected: 2,
    });
    const few = suppressSmallCells(
      releaseReport(release(), {
        units: [day("billing", 0, 7)],
        holdoutCalls: noHoldoutCalls,
        predecessor: null,
      }),
    );
    expect(few).toMatchObject({
      suppressed: true,
      observed: Number.NaN,
      excess: null,
      contactRate: null,
      directional: null,
    });
  });
});
