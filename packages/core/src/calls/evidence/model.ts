import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import { type Interval, zFor } from "../stats";
import { buildDesign, type Design, type MessageFeatures, rowOf } from "./features";
import { fitLogLinear, type GlmFit } from "./glm";

/** One released message with a measured outcome: the release report's excess and its standard error. */
export interface Observation {
  releaseId: string;
  features: MessageFeatures;
  /** Excess calls over the window (the report's `excess.estimate`). */
  excess: number;
  /** Its standard error (the report's `excess.se`). */
  se: number;
  /** Whether the excess was measured against a held-back group. */
  holdout: boolean;
}

/**
 * The prior, in one place (the README says why):
 * - the intercept centres on the organisation's own pooled excess rate
 *   (empirical Bayes), floored at 0.1 per 1,000, with sd 1.5 on the log
 *   scale (a factor of about 4.5 either way at one sd);
 * - each rule's and channel's log rate ratio ~ N(0, 0.5²): a finding that
 *   doubles or halves calls is within 1.4 sd, a tenfold one is not believed
 *   from a handful of releases;
 * - each standardised continuous feature ~ N(0, 0.3²) per sd of the feature;
 * - overdispersion α: 0.1 (a release's true rate strays about 30% from what
 *   its features say), weighted as 5 releases against the data's moments.
 */
export const PRIOR = {
  interceptSd: 1.5,
  floorPerThousand: 0.1,
  ruleSd: 0.5,
  channelSd: 0.5,
  continuousSd: 0.3,
  alpha: 0.1,
  alphaWeight: 5,
} as const;

/** Below this many measured releases the model says "too little history" rather than a number. */
export const MINIMUM_RELEASES = 8;

export interface EvidenceModel {
  design: Design;
  fit: GlmFit;
  n: number;
  /** The history's observations' rows, kept for effects at the typical message. */
  history: { row: number[]; exposure: number }[];
}

export function fitEvidenceModel(
  observations: readonly Observation[],
  options: { minimumMessages?: number } = {},
): EvidenceModel | null {
  if (observations.length < MINIMUM_RELEASES) return null;
  const design = buildDesign(
    observations.map((o) => o.features),
    options.minimumMessages,
  );
  const rows = observations.map((o) => rowOf(design, o.features));
  const exposure = observations.map((o) => Math.max(o.features.recipients, 1));
  const totalExcess = observations.reduce((s, o) => s + o.excess, 0);
  const totalRecipients = exposure.reduce((s, r) => s + r, 0);
  const pooled = Math.max(totalExcess / totalRecipients, PRIOR.floorPerThousand / 1000);
  const fit = fitLogLinear(
    { rows, y: observations.map((o) => o.excess), exposure, se: observations.map((o) => o.se) },
    {
      interceptMean: Math.log(pooled),
      interceptSd: PRIOR.interceptSd,
      coefficientSd: [
        ...design.ruleIds.map(() => PRIOR.ruleSd),
        ...design.channels.map(() => PRIOR.channelSd),
        ...design.continuous.map(() => PRIOR.continuousSd),
      ],
      alpha: PRIOR.alpha,
      alphaWeight: PRIOR.alphaWeight,
    },
  );
  return {
    design,
    fit,
    n: observations.length,
    history: rows.map((row, i) => ({ row, exposure: exposure[i] ?? 1 })),
  };
}

/** The linear predictor (log rate per recipient) of a row, and its variance from the coefficients' uncertainty. */
export function linearPredictor(model: EvidenceModel, row: readonly number[]) {
  const { beta, covariance } = model.fit;
  const x = [1, ...row];
  let eta = 0;
  let variance = 0;
  for (const [a, xa] of x.entries()) {
    eta += xa * (beta[a] ?? 0);
    for (const [b, xb] of x.entries()) variance += xa * xb * (covariance[a]?.[b] ?? 0);
  }
  return { eta, variance: Math.max(variance, 0) };
}

/**
 * Log-scale spread of a release's true excess around the fitted mean μ:
 * the coefficients' uncertainty plus a gamma–Poisson release of mean μ,
 * whose squared coefficient of variation is α + 1/μ (as a lognormal).
 */
function logSpread(model: EvidenceModel, variance: number, mu: number) {
  return Math.sqrt(variance + Math.log(1 + model.fit.alpha + 1 / Math.max(mu, 1e-9)));
}

export interface RuleEffect {
  ruleId: string;
  /** Messages in the history with and without a finding of the rule. */
  nWith: number;
  nWithout: number;
  /** How much a finding multiplies the contact rate (95% interval). */
  rateRatio: Interval;
  /** The same as excess calls per 1,000 recipients at the organisation's typical message (95% interval). */
  perThousand: Interval;
  /** The coefficient's standard error on the log scale. */
  logSe: number;
}

/** Each modelled rule's effect, largest increase first. */
export function ruleEffects(model: EvidenceModel, level = 0.95): RuleEffect[] {
  const z = zFor(level);
  // Each message's fitted log rate, once: the rules below only take their own term out.
  const etas = model.history.map((h) => {
    let eta = model.fit.beta[0] ?? 0;
    for (const [j, x] of h.row.entries()) eta += x * (model.fit.beta[j + 1] ?? 0);
    return eta;
  });
  return model.design.ruleIds
    .map((ruleId, j) => {
      const b = model.fit.beta[j + 1] ?? 0;
      const se = Math.sqrt(model.fit.covariance[j + 1]?.[j + 1] ?? 0);
      // The typical message's rate without the finding: the mean over the
      // history of each message's fitted rate with this rule's term removed.
      let base = 0;
      let nWith = 0;
      for (const [i, h] of model.history.entries()) {
        const x = h.row[j] ?? 0;
        nWith += x;
        base += Math.exp((etas[i] ?? 0) - b * x);
      }
      base = (1000 * base) / Math.max(model.history.length, 1);
      const ratio = (v: number) => Math.exp(v);
      return {
        ruleId,
        nWith,
        nWithout: model.history.length - nWith,
        rateRatio: { estimate: ratio(b), low: ratio(b - z * se), high: ratio(b + z * se) },
        perThousand: {
          estimate: base * (ratio(b) - 1),
          low: base * (ratio(b - z * se) - 1),
          high: base * (ratio(b + z * se) - 1),
        },
        logSe: se,
      };
    })
    .sort((a, b) => b.perThousand.estimate - a.perThousand.estimate);
}

export interface Contribution {
  ruleId: string;
  /** Excess calls per 1,000 the finding adds to this prediction (its removal would save as many). */
  perThousand: number;
  rateRatio: number;
}

export interface Prediction {
  /** Excess calls per 1,000 recipients: the fitted rate and its prediction interval. */
  perThousand: Interval;
  /** The same in calls for the message's recipients. */
  calls: Interval;
  level: number;
  /** The findings that add most, at most three, largest first. */
  contributions: Contribution[];
  /** Rules with findings in the message that the model has too little history to weigh. */
  unmodelledRuleIds: string[];
}

/**
 * The prediction for one message: the fitted rate with an interval for the
 * calls it will drive (the coefficients' uncertainty and overdispersion,
 * not the noise of measuring them afterwards).
 */
export function predict(model: EvidenceModel, features: MessageFeatures, level = 0.9): Prediction {
  const row = rowOf(model.design, features);
  const { eta, variance } = linearPredictor(model, row);
  const recipients = Math.max(features.recipients, 1);
  const mu = recipients * Math.exp(eta);
  const z = zFor(level);
  const spread = logSpread(model, variance, mu);
  const calls = { estimate: mu, low: mu * Math.exp(-z * spread), high: mu * Math.exp(z * spread) };
  const k = 1000 / recipients;
  const rate = 1000 * Math.exp(eta);
  const modelled = new Set(model.design.ruleIds);
  const contributions = model.design.ruleIds
    .flatMap((ruleId, j) => {
      if ((row[j] ?? 0) === 0) return [];
      const b = model.fit.beta[j + 1] ?? 0;
      return [{ ruleId, perThousand: rate * (1 - Math.exp(-b)), rateRatio: Math.exp(b) }];
    })
    .filter((c) => c.perThousand > 0)
    .sort((a, b) => b.perThousand - a.perThousand)
    .slice(0, 3);
  return {
    perThousand: { estimate: calls.estimate * k, low: calls.low * k, high: calls.high * k },
    calls,
    level,
    contributions,
    unmodelledRuleIds: features.ruleIds.filter((id) => !modelled.has(id)),
  };
}

const GRID = 64;

/**
 * The interval a measured excess should fall in: the predicted true excess
 * (lognormal, as in `predict`) plus the measurement's own normal noise of
 * standard error `se`. Quantiles of that sum by bisection on its CDF, a
 * mean over a grid of the lognormal's quantiles.
 */
export function measuredInterval(
  model: EvidenceModel,
  features: MessageFeatures,
  se: number,
  level = 0.9,
): Interval {
  const row = rowOf(model.design, features);
  const { eta, variance } = linearPredictor(model, row);
  const mu = Math.max(features.recipients, 1) * Math.exp(eta);
  const spread = logSpread(model, variance, mu);
  // The lognormal at evenly spaced probabilities, each the middle of its 1/GRID slice.
  const points = Array.from(
    { length: GRID },
    (_, k) => mu * Math.exp(spread * normalQuantile((k + 0.5) / GRID, 0, 1)),
  );
  const quantile = (p: number) => {
    if (se <= 0) return mu * Math.exp(spread * normalQuantile(p, 0, 1));
    const cdf = (q: number) => points.reduce((s, t) => s + normalCdf(q, t, se), 0) / GRID;
    let low = (points[0] ?? 0) - 10 * se;
    let high = (points[GRID - 1] ?? 0) + 10 * se;
    for (let i = 0; i < 60 && high - low > 1e-6 * (1 + Math.abs(high)); i++) {
      const mid = (low + high) / 2;
      if (cdf(mid) < p) low = mid;
      else high = mid;
    }
    return (low + high) / 2;
  };
  const tail = (1 - level) / 2;
  return { estimate: mu, low: quantile(tail), high: quantile(1 - tail) };
}
