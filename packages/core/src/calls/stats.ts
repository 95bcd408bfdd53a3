import chisquareQuantile from "@stdlib/stats-base-dists-chisquare-quantile";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";

/**
 * The statistics behind call-volume analytics, as pure functions: exact
 * Poisson intervals, rate ratios, excess over a baseline widened for
 * overdispersion, Spearman's rank correlation with its interval, and the
 * lift of a finding. Each says what it assumes; the tests check them
 * against published values and against series with a known injected effect.
 */

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

/** The two-sided normal quantile for a confidence level (0.95 → 1.96). */
export const zFor = (level: number) => normalQuantile(1 - (1 - level) / 2, 0, 1);

/** Exact (Garwood) interval for a Poisson count. */
export function poissonInterval(count: number, level = 0.95): Interval {
  const alpha = 1 - level;
  return {
    estimate: count,
    low: count === 0 ? 0 : chisquareQuantile(alpha / 2, 2 * count) / 2,
    high: chisquareQuantile(1 - alpha / 2, 2 * count + 2) / 2,
  };
}

/**
 * The ratio of two Poisson rates (events a over exposure ta, b over tb),
 * with the usual log-scale interval, widened by a dispersion factor φ ≥ 1
 * when the counts vary more than Poisson. Null when either count is zero.
 */
export function rateRatio(
  a: number,
  ta: number,
  b: number,
  tb: number,
  level = 0.95,
  dispersion = 1,
): Interval | null {
  if (a <= 0 || b <= 0 || ta <= 0 || tb <= 0) return null;
  const estimate = a / ta / (b / tb);
  const se = Math.sqrt(Math.max(dispersion, 1) * (1 / a + 1 / b));
  const z = zFor(level);
  return {
    estimate,
    low: Math.exp(Math.log(estimate) - z * se),
    high: Math.exp(Math.log(estimate) + z * se),
  };
}

/**
 * The difference of two Poisson rates (a over ta minus b over tb) with its
 * Wald interval: the per-customer excess of a group sent a message over a
 * group held back. Defined when a count is zero (the variance is then the
 * other group's alone); null without exposure on either side.
 */
export function rateDifference(
  a: number,
  ta: number,
  b: number,
  tb: number,
  level = 0.95,
): Interval | null {
  if (ta <= 0 || tb <= 0 || a < 0 || b < 0) return null;
  const estimate = a / ta - b / tb;
  const se = Math.sqrt(a / ta ** 2 + b / tb ** 2);
  const z = zFor(level);
  return { estimate, low: estimate - z * se, high: estimate + z * se };
}

/**
 * Overdispersion of counts around what was expected: Pearson's χ² over its
 * degrees of freedom, never below 1 (Poisson). Days with no expectation are
 * skipped.
 */
export function dispersion(observed: readonly number[], expected: readonly number[]): number {
  let chi = 0;
  let n = 0;
  for (const [i, o] of observed.entries()) {
    const e = expected[i] ?? 0;
    if (e <= 0) continue;
    chi += (o - e) ** 2 / e;
    n++;
  }
  return n > 1 ? Math.max(1, chi / (n - 1)) : 1;
}

export interface ExcessInput {
  /** Calls seen in the attribution window. */
  observed: number;
  /** Calls the baseline expected over the same days. */
  expected: number;
  /** Baseline weeks averaged per day (the expectation's own uncertainty shrinks with them). */
  baselineWeeks: number;
  /** φ from the baseline's own spread; 1 = Poisson. */
  dispersion: number;
}

/**
 * Excess calls over the baseline, O − E, with a normal interval whose
 * variance is φ·E·(1 + 1/n): the window's Poisson noise plus the noise of a
 * mean over n baseline weeks, both widened by the overdispersion φ.
 */
export function excessCalls(input: ExcessInput, level = 0.95): Interval & { se: number } {
  const phi = Math.max(input.dispersion, 1);
  const weeks = Math.max(input.baselineWeeks, 1);
  const se = Math.sqrt(phi * Math.max(input.expected, 1) * (1 + 1 / weeks));
  const estimate = input.observed - input.expected;
  const z = zFor(level);
  return { estimate, low: estimate - z * se, high: estimate + z * se, se };
}

/** An interval scaled to calls per 1,000 recipients. */
export function perThousand(interval: Interval, recipients: number): Interval {
  const k = recipients > 0 ? 1000 / recipients : Number.NaN;
  return { estimate: interval.estimate * k, low: interval.low * k, high: interval.high * k };
}

/**
 * A rewrite against its predecessor: the ratio of their excess contact rates
 * (excess per recipient), with a log-scale interval from each excess's
 * standard error (delta method). Null when either drove no measurable
 * excess (its estimate is not above zero): a ratio of noise says nothing.
 */
export function excessRateRatio(
  rewrite: { excess: number; se: number; recipients: number },
  predecessor: { excess: number; se: number; recipients: number },
  level = 0.95,
): Interval | null {
  if (rewrite.excess <= 0 || predecessor.excess <= 0) return null;
  const estimate =
    rewrite.excess / rewrite.recipients / (predecessor.excess / predecessor.recipients);
  const se = Math.sqrt(
    (rewrite.se / rewrite.excess) ** 2 + (predecessor.se / predecessor.excess) ** 2,
  );
  const z = zFor(level);
  return {
    estimate,
    low: Math.exp(Math.log(estimate) - z * se),
    high: Math.exp(Math.log(estimate) + z * se),
  };
}

/** Ranks from 1, ties sharing their average rank. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    const value = order[i]?.[0];
    let j = i;
    // Past the end order[j + 1] is undefined, never equal to a number.
    while (order[j + 1]?.[0] === value) j++;
    const rank = (i + j) / 2 + 1;
    for (const [, index] of order.slice(i, j + 1)) out[index] = rank;
    i = j + 1;
  }
  return out;
}

function pearson(x: readonly number[], y: readonly number[]) {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [i, xi] of x.entries()) {
    const yi = y[i];
    if (yi === undefined) throw new Error("pearson: y has fewer values than x");
    sxy += (xi - mx) * (yi - my);
    sxx += (xi - mx) ** 2;
    syy += (yi - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? Number.NaN : sxy / Math.sqrt(sxx * syy);
}

/**
 * Spearman's ρ (Pearson's r on ranks, so ties are handled), with the Fisher
 * z interval using Fieller, Hartley and Pearson's variance 1.06/(n − 3).
 * Null below 4 pairs, where no interval exists.
 */
export function spearman(
  x: readonly number[],
  y: readonly number[],
  level = 0.95,
): (Interval & { n: number }) | null {
  const n = x.length;
  if (n < 4 || y.length !== n) return null;
  const rho = pearson(ranks(x), ranks(y));
  if (!Number.isFinite(rho)) return null;
  const clipped = Math.min(Math.max(rho, -0.999999), 0.999999);
  const z = Math.atanh(clipped);
  const half = zFor(level) * Math.sqrt(1.06 / (n - 3));
  return { estimate: rho, low: Math.tanh(z - half), high: Math.tanh(z + half), n };
}

/**
 * Do messages with a finding show higher contact rates? The ratio of mean
 * rates (with / without), with a log-scale interval from each group's
 * standard error of the mean. Null unless each group has `minimum` messages
 * and both means are above zero.
 */
export function lift(
  withFinding: readonly number[],
  without: readonly number[],
  level = 0.95,
  minimum = 5,
): (Interval & { nWith: number; nWithout: number }) | null {
  if (withFinding.length < minimum || without.length < minimum) return null;
  const stats = (values: readonly number[]) => {
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
    return { mean, se: Math.sqrt(variance / values.length) };
  };
  const a = stats(withFinding);
  const b = stats(without);
  if (a.mean <= 0 || b.mean <= 0) return null;
  const estimate = a.mean / b.mean;
  const se = Math.sqrt((a.se / a.mean) ** 2 + (b.se / b.mean) ** 2);
  const z = zFor(level);
  return {
    estimate,
    low: Math.exp(Math.log(estimate) - z * se),
    high: Math.exp(Math.log(estimate) + z * se),
    nWith: withFinding.length,
    nWithout: without.length,
  };
}

/** Counts from 1 to 10 are shown as this, never as the number: small cells could identify people. */
export const SUPPRESSED = "1–10";

/** A count fit to show: 0 and 11 upwards as they are, 1–10 suppressed. */
export function showCount(count: number): number | typeof SUPPRESSED {
  return count >= 1 && count <= 10 ? SUPPRESSED : count;
}
