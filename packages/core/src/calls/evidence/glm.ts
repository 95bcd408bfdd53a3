import { CholeskyDecomposition, Matrix } from "ml-matrix";

/**
 * A log-link regression of measured excess calls on features, with
 * exposure (recipients), a normal prior on the coefficients (ridge) and a
 * variance with three parts:
 *
 *   Var(yᵢ) = sᵢ² + μᵢ + α·μᵢ²
 *
 * sᵢ is the measurement's own standard error (the release report's: the
 * baseline's or the held-back group's noise), μᵢ the Poisson noise of the
 * calls the message drove, and α·μᵢ² negative-binomial overdispersion: how
 * much a release's true rate strays from what its features say.
 *
 * The coefficients solve the penalised quasi-score equations
 *   Σ xᵢ·μᵢ·(yᵢ − μᵢ)/Vᵢ − Λ(β − m) = 0
 * by Fisher scoring (IRLS), which needs only the mean and variance, so a
 * measured excess below zero (noise around a small effect) is data, not an
 * error. α is where Pearson's χ² meets its degrees of freedom, shrunk
 * towards a prior value, alternating with the coefficients.
 */
export interface GlmData {
  /** One row of features per observation (no intercept column: it is added). */
  rows: readonly (readonly number[])[];
  /** Measured excess calls. */
  y: readonly number[];
  exposure: readonly number[];
  /** The measurement's standard error, per observation. */
  se: readonly number[];
}

export interface GlmPrior {
  /** Prior mean of the intercept (log rate per recipient). */
  interceptMean: number;
  interceptSd: number;
  /** Prior sd of every other coefficient, mean 0 (a ridge). */
  coefficientSd: number | readonly number[];
  /** Prior guess for α and its weight in pseudo-observations. */
  alpha: number;
  alphaWeight: number;
}

export interface GlmFit {
  /** Intercept first, then one per feature column. */
  beta: number[];
  /** Approximate posterior covariance of beta: (XᵀWX + Λ)⁻¹. */
  covariance: number[][];
  alpha: number;
  iterations: number;
  converged: boolean;
}

const MAX_STEP = 2;
const MAX_ALPHA = 10;

/** The α in [0, MAX_ALPHA] at which Σ (y − μ)²/V equals `freedom` (the sum falls as α grows). */
export function pearsonAlpha(data: GlmData, mus: readonly number[], freedom: number) {
  const chi = (alpha: number) =>
    mus.reduce((sum, mu, i) => {
      const se = data.se[i] ?? 0;
      return sum + ((data.y[i] ?? 0) - mu) ** 2 / (se * se + mu + alpha * mu * mu);
    }, 0);
  if (chi(0) <= freedom) return 0;
  if (chi(MAX_ALPHA) >= freedom) return MAX_ALPHA;
  let low = 0;
  let high = MAX_ALPHA;
  for (let i = 0; i < 60 && high - low > 1e-7; i++) {
    const mid = (low + high) / 2;
    if (chi(mid) > freedom) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/** Fisher scoring for β at a fixed α; returns β and the inverse information. */
function scoreBeta(
  data: GlmData,
  alpha: number,
  prior: { mean: number[]; precision: number[] },
  start: number[],
  maxIterations: number,
) {
  const p = start.length;
  const n = data.y.length;
  const beta = [...start];
  let iterations = 0;
  let converged = false;
  const info = new Matrix(p, p);
  const x = new Float64Array(p);
  const fill = (i: number) => {
    x[0] = 1;
    const row = data.rows[i] ?? [];
    for (let j = 1; j < p; j++) x[j] = row[j - 1] ?? 0;
  };
  for (; iterations < maxIterations && !converged; iterations++) {
    const score = new Array<number>(p).fill(0);
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) info.set(a, b, 0);
    for (let i = 0; i < n; i++) {
      fill(i);
      let eta = Math.log(data.exposure[i] ?? 1);
      for (let j = 0; j < p; j++) eta += (x[j] ?? 0) * (beta[j] ?? 0);
      const mu = Math.exp(Math.min(eta, 30));
      const se = data.se[i] ?? 0;
      const v = se * se + mu + alpha * mu * mu;
      const u = (mu * ((data.y[i] ?? 0) - mu)) / v;
      const w = (mu * mu) / v;
      for (let a = 0; a < p; a++) {
        const xa = x[a] ?? 0;
        if (xa === 0) continue;
        score[a] = (score[a] ?? 0) + xa * u;
        for (let b = a; b < p; b++) {
          const xb = x[b] ?? 0;
          if (xb !== 0) info.set(a, b, info.get(a, b) + w * xa * xb);
        }
      }
    }
    for (let a = 0; a < p; a++) {
      for (let b = 0; b < a; b++) info.set(a, b, info.get(b, a));
      info.set(a, a, info.get(a, a) + (prior.precision[a] ?? 0));
      score[a] =
        (score[a] ?? 0) - (prior.precision[a] ?? 0) * ((beta[a] ?? 0) - (prior.mean[a] ?? 0));
    }
    const step = new CholeskyDecomposition(info).solve(Matrix.columnVector(score)).to1DArray();
    // A bounded step keeps the first iterations from overshooting exp().
    const largest = Math.max(...step.map(Math.abs));
    const scale = largest > MAX_STEP ? MAX_STEP / largest : 1;
    for (let j = 0; j < p; j++) beta[j] = (beta[j] ?? 0) + scale * (step[j] ?? 0);
    converged = largest < 1e-7;
  }
  return { beta, info, iterations, converged };
}

export function fitLogLinear(
  data: GlmData,
  prior: GlmPrior,
  options: { maxIterations?: number; alpha?: number } = {},
): GlmFit {
  const n = data.y.length;
  const p = (data.rows[0]?.length ?? 0) + 1;
  const sds = Array.from({ length: p - 1 }, (_, j) =>
    typeof prior.coefficientSd === "number" ? prior.coefficientSd : (prior.coefficientSd[j] ?? 1),
  );
  const precisions = {
    mean: [prior.interceptMean, ...new Array<number>(p - 1).fill(0)],
    precision: [1 / prior.interceptSd ** 2, ...sds.map((sd) => 1 / sd ** 2)],
  };
  let alpha = options.alpha ?? prior.alpha;
  let beta = precisions.mean;
  let result = scoreBeta(data, alpha, precisions, beta, options.maxIterations ?? 100);
  let iterations = result.iterations;
  if (options.alpha === undefined) {
    for (let round = 0; round < 25; round++) {
      beta = result.beta;
      // α where Pearson's χ² equals its degrees of freedom (as MASS's
      // theta.mm does for a negative binomial), shrunk towards the prior
      // guess by alphaWeight pseudo-releases.
      const mus = data.y.map((_, i) => {
        let eta = Math.log(data.exposure[i] ?? 1) + (beta[0] ?? 0);
        const row = data.rows[i] ?? [];
        for (let j = 1; j < p; j++) eta += (row[j - 1] ?? 0) * (beta[j] ?? 0);
        return Math.exp(Math.min(eta, 30));
      });
      const moment = pearsonAlpha(data, mus, Math.max(n - p, 1));
      const nEff = Math.max(n - p, 0);
      const next = Math.min(
        (nEff * moment + prior.alphaWeight * prior.alpha) / (nEff + prior.alphaWeight),
        MAX_ALPHA,
      );
      const done = Math.abs(next - alpha) < 1e-5 * Math.max(alpha, 1e-3);
      alpha = next;
      result = scoreBeta(data, alpha, precisions, beta, options.maxIterations ?? 100);
      iterations += result.iterations;
      if (done) break;
    }
  }
  const inverse = new CholeskyDecomposition(result.info).solve(Matrix.eye(p, p));
  return {
    beta: result.beta,
    covariance: inverse.to2DArray(),
    alpha,
    iterations,
    converged: result.converged,
  };
}
