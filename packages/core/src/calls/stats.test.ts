import { describe, expect, it } from "vitest";
import {
  dispersion,
  excessCalls,
  excessRateRatio,
  lift,
  perThousand,
  poissonInterval,
  ranks,
  rateDifference,
  rateRatio,
  showCount,
  spearman,
  zFor,
} from "./stats";

/** A seeded generator (mulberry32), so the simulations below are the same on every run. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson draw by inversion (means here are small enough). */
function poisson(mean: number, next: () => number) {
  let k = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  const u = next();
  while (u > cumulative && k < 10_000) {
    k++;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}

describe("call statistics against published values", () => {
  it("z for 95% is 1.96", () => {
    expect(zFor(0.95)).toBeCloseTo(1.959964, 5);
  });

  it("exact Poisson intervals match the standard table (Garwood)", () => {
    // Values as tabulated for exact Poisson limits (e.g. Ulm 1990; Sahai & Khurshid 1993).
    expect(poissonInterval(0)).toMatchObject({ low: 0 });
    expect(poissonInterval(0).high).toBeCloseTo(3.689, 3);
    expect(poissonInterval(1).low).toBeCloseTo(0.0253, 4);
    expect(poissonInterval(1).high).toBeCloseTo(5.572, 3);
    expect(poissonInterval(10).low).toBeCloseTo(4.795, 3);
    expect(poissonInterval(10).high).toBeCloseTo(18.39, 2);
  });

  it("rate ratio and its interval match Rothman & Greenland's worked example", () => {
    // 41 cases over 28,010 person-years against 15 over 19,017: RR 1.86 (1.03–3.35).
    const rr = rateRatio(41, 28_010, 15, 19_017)!;
    expect(rr.estimate).toBeCloseTo(1.856, 3);
    expect(rr.low).toBeCloseTo(1.03, 2);
    expect(rr.high).toBeCloseTo(3.35, 2);
    // Overdispersion widens it; no events makes it undefined.
    const wider = rateRatio(41, 28_010, 15, 19_017, 0.95, 2)!;
    expect(wider.low).toBeLessThan(rr.low);
    expect(wider.high).toBeGreaterThan(rr.high);
    expect(rateRatio(0, 100, 5, 100)).toBeNull();
  });

  it("rate difference and its Wald interval, hand-checked on the same example", () => {
    // 41/28,010 − 15/19,017 = 67.5 per 100,000 person-years; its standard error
    // √(41/28,010² + 15/19,017²) = 30.6, so 90% is 17–118 and 95% is 7.5–127.5.
    const per100k = (x: number) => x * 100_000;
    const rd90 = rateDifference(41, 28_010, 15, 19_017, 0.9)!;
    expect(per100k(rd90.estimate)).toBeCloseTo(67.5, 1);
    expect(per100k(rd90.low)).toBeCloseTo(17.1, 1);
    expect(per100k(rd90.high)).toBeCloseTo(117.9, 1);
    const rd95 = rateDifference(41, 28_010, 15, 19_017)!;
    expect(per100k(rd95.low)).toBeCloseTo(7.5, 1);
    expect(per100k(rd95.high)).toBeCloseTo(127.5, 1);
    // No calls from those held back: still an interval, from the sent group alone.
    const none = rateDifference(25, 10_000, 0, 1_000)!;
    expect(none.estimate).toBeCloseTo(0.0025, 6);
    expect(none.high - none.estimate).toBeCloseTo((1.96 * Math.sqrt(25)) / 10_000, 6);
    expect(rateDifference(5, 0, 1, 10)).toBeNull();
  });

  it("Spearman's ρ matches the textbook IQ and television example, with ties ranked on average", () => {
    // Ten people's IQ against hours of television a week: ρ = −29/165.
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    const rho = spearman(iq, tv)!;
    expect(rho.estimate).toBeCloseTo(-29 / 165, 10);
    expect(rho.n).toBe(10);
    // Fisher z with variance 1.06/(n − 3): tanh(atanh(ρ) ± 1.96·√(1.06/7)).
    const half = 1.959964 * Math.sqrt(1.06 / 7);
    expect(rho.low).toBeCloseTo(Math.tanh(Math.atanh(-29 / 165) - half), 6);
    expect(rho.high).toBeCloseTo(Math.tanh(Math.atanh(-29 / 165) + half), 6);
    expect(ranks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeNull();
    expect(spearman([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])!.estimate).toBeCloseTo(1, 10);
  });

  it("dispersion is Pearson χ² over its degrees of freedom, never below Poisson", () => {
    expect(dispersion([10, 10, 10], [10, 10, 10])).toBe(1);
    // (0−10)²/10 + (20−10)²/10 = 20 over 2 − 1 = 20.
    expect(dispersion([0, 20], [10, 10])).toBe(20);
  });

  it("excess calls, contact rate per 1,000 and the ratio of two rewrites", () => {
    const excess = excessCalls({ observed: 150, expected: 100, baselineWeeks: 8, dispersion: 1 });
    expect(excess.estimate).toBe(50);
    expect(excess.se).toBeCloseTo(Math.sqrt(100 * 1.125), 10);
    expect(excess.low).toBeCloseTo(50 - 1.959964 * Math.sqrt(112.5), 4);
    const rate = perThousand(excess, 20_000);
    expect(rate.estimate).toBeCloseTo(2.5, 10);
    const ratio = excessRateRatio(
      { excess: 25, se: 5, recipients: 20_000 },
      { excess: 50, se: 10, recipients: 20_000 },
    )!;
    expect(ratio.estimate).toBeCloseTo(0.5, 10);
    const half = 1.959964 * Math.sqrt(0.2 ** 2 + 0.2 ** 2);
    expect(ratio.low).toBeCloseTo(0.5 * Math.exp(-half), 6);
    expect(
      excessRateRatio(
        { excess: -3, se: 5, recipients: 100 },
        { excess: 50, se: 10, recipients: 100 },
      ),
    ).toBeNull();
  });

  it("lift needs enough messages on each side", () => {
    expect(lift([1, 2, 3, 4], [1, 1, 1, 1, 1])).toBeNull();
    const found = lift([2, 2, 2, 2, 2, 3], [1, 1, 1, 1, 1, 1.5])!;
    expect(found.estimate).toBeCloseTo(2.1667 / 1.0833, 3);
    expect(found.low).toBeGreaterThan(1);
  });

  it("suppresses counts from 1 to 10", () => {
    expect([0, 1, 10, 11].map(showCount)).toEqual([0, "1–10", "1–10", 11]);
  });
});

describe("call statistics on synthetic series", () => {
  /** Eight baseline weeks and one window of `days`, with `effect` extra calls a day. */
  function simulate(next: () => number, mean: number, days: number, effect: number) {
    let observed = 0;
    let expected = 0;
    for (let d = 0; d < days; d++) {
      let sum = 0;
      for (let w = 0; w < 8; w++) sum += poisson(mean, next);
      expected += sum / 8;
      observed += poisson(mean + effect, next);
    }
    return excessCalls({ observed, expected, baselineWeeks: 8, dispersion: 1 });
  }

  it("recovers an injected effect within its interval at about the stated rate", () => {
    const next = random(7);
    let covered = 0;
    const runs = 400;
    for (let i = 0; i < runs; i++) {
      const excess = simulate(next, 40, 7, 6);
      if (excess.low <= 42 && 42 <= excess.high) covered++;
    }
    // 95% intervals: coverage within a few points of 0.95 over 400 runs.
    expect(covered / runs).toBeGreaterThan(0.91);
    expect(covered / runs).toBeLessThan(0.99);
  });

  it("finds no significant excess where there is none, at about 5%", () => {
    const next = random(11);
    let significant = 0;
    const runs = 400;
    for (let i = 0; i < runs; i++) if (simulate(next, 40, 7, 0).low > 0) significant++;
    // One-sided false alarms at a two-sided 95% level: about 2.5%.
    expect(significant / runs).toBeLessThan(0.06);
  });

  it("an overdispersed series keeps its coverage once φ is estimated", () => {
    const next = random(23);
    let covered = 0;
    let plainCovered = 0;
    const runs = 300;
    for (let i = 0; i < runs; i++) {
      // Day-to-day swings: each day's mean varies ±40% around 40 (a gamma-like mix).
      const means = Array.from({ length: 7 * 9 }, () => 40 * (0.6 + 0.8 * next()));
      const baseline = means.slice(0, 56).map((m) => poisson(m, next));
      const window = means.slice(56).map((m) => poisson(m, next) + 6);
      const expectedPerDay = baseline.reduce((s, v) => s + v, 0) / 56;
      const phi = dispersion(
        baseline,
        baseline.map(() => expectedPerDay),
      );
      const observed = window.reduce((s, v) => s + v, 0);
      const input = { observed, expected: expectedPerDay * 7, baselineWeeks: 8 };
      const widened = excessCalls({ ...input, dispersion: phi });
      const plain = excessCalls({ ...input, dispersion: 1 });
      if (widened.low <= 42 && 42 <= widened.high) covered++;
      if (plain.low <= 42 && 42 <= plain.high) plainCovered++;
    }
    expect(covered / runs).toBeGreaterThan(0.9);
    expect(covered).toBeGreaterThan(plainCovered);
  });
});
