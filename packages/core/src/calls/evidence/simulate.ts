import type { Channel } from "@conductor/db/enums";
import { ruleDefinitions } from "@conductor/rules";
import { defaultAttributionDays } from "../attribution";
import {
  BASELINE_WEEKS,
  type ReleaseFacts,
  type ReleaseReport,
  releaseReport,
  type WindowUnit,
} from "../release-report";
import type { MessageFeatures } from "./features";
import type { Observation } from "./model";
import { type Random, seededRandom } from "./random";

/**
 * A seeded organisation history with a known truth, measured by the same
 * `releaseReport` the product uses: daily calls per reason (a level per
 * reason, weekday seasonality, overdispersed day-to-day noise), released
 * messages with findings, audiences and channels, and the excess calls each
 * drove — a rate per recipient set by the true effects of its findings and
 * reading grade, strayed by a gamma factor (overdispersion), spread over the
 * attribution window with a decaying lag profile. Some releases hold back a
 * random group, whose calls are drawn at the same baseline rate.
 */
export interface SimulatedRule {
  ruleId: string;
  /** Share of messages with a finding of the rule. */
  prevalence: number;
  /** The true log rate ratio of a finding (0: no effect). */
  logEffect: number;
}

export interface SimulationOptions {
  seed: number;
  releases?: number;
  reasons?: number;
  days?: number;
  rules?: SimulatedRule[];
  /** Excess calls per 1,000 recipients of a message with no findings at grade 8. */
  basePerThousand?: number;
  /** True α: how far a release's rate strays from what its features say. */
  alpha?: number;
  /** Squared coefficient of variation of each day's baseline calls. */
  dayNoise?: number;
  /** Log rate ratio per 2 grades above 8. */
  gradeEffect?: number;
  holdoutShare?: number;
  medianRecipients?: number;
}

export interface SimulatedRelease {
  facts: ReleaseFacts;
  features: MessageFeatures;
  /** The true expected excess per 1,000 before overdispersion. */
  truePerThousand: number;
  /** Calls the message actually drove. */
  trueExcess: number;
  /** The sent and held-back groups' calls over the window (zeros without a holdout). */
  holdoutCalls: { sent: number; heldOut: number; daysWithData: number };
  report: ReleaseReport;
}

export interface SimulatedHistory {
  start: Date;
  reasons: string[];
  /** Calls per reason per day, excess included. */
  daily: Float64Array[];
  releases: SimulatedRelease[];
  rules: SimulatedRule[];
}

/** Monday first: the start date is a Monday. */
const WEEKDAY = [1.35, 1.2, 1.1, 1.05, 1.0, 0.6, 0.5];
const START = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;
/** Each day after the send draws 0.6 of the day before. */
const LAG_DECAY = 0.6;
const CHANNELS: [Channel, number][] = [
  ["EMAIL", 0.5],
  ["SMS", 0.3],
  ["LETTER", 0.2],
];
/** Calls per customer per week from the baseline, for the holdout groups. */
const WEEKLY_CALLS_PER_CUSTOMER = 0.002;

/** Ten of the registry's rules: four with a true effect, six without. */
export function defaultRules(): SimulatedRule[] {
  const effects = [Math.log(1.8), Math.log(1.5), Math.log(0.6), Math.log(1.35), 0, 0, 0, 0, 0, 0];
  return effects.map((logEffect, i) => ({
    ruleId: ruleDefinitions[i]?.id ?? `rule-${i}`,
    prevalence: 0.25 + 0.05 * (i % 4),
    logEffect,
  }));
}

export function simulateHistory(options: SimulationOptions): SimulatedHistory {
  const random = seededRandom(options.seed);
  const nReleases = options.releases ?? 120;
  const nReasons = options.reasons ?? 40;
  const days = options.days ?? 730;
  const rules = options.rules ?? defaultRules();
  const base = (options.basePerThousand ?? 4) / 1000;
  const alpha = options.alpha ?? 0.05;
  const dayNoise = options.dayNoise ?? 0.02;
  const gradeEffect = options.gradeEffect ?? 0.1;
  const holdoutShare = options.holdoutShare ?? 0.3;
  const medianRecipients = options.medianRecipients ?? 20_000;

  const reasons = Array.from(
    { length: nReasons },
    (_, r) => `reason-${String(r + 1).padStart(3, "0")}`,
  );
  const levels = reasons.map(() => 20 * Math.exp(random.normal(0, 0.7)));
  const daily = levels.map((level) => {
    const series = new Float64Array(days);
    for (let d = 0; d < days; d++)
      series[d] = random.negativeBinomial(level * (WEEKDAY[d % 7] ?? 1), dayNoise);
    return series;
  });

  // Releases take turns over the reasons, spaced so that no release's
  // window falls inside another's baseline (8 weeks before it).
  const slots = Math.ceil(nReleases / nReasons);
  const spacing = Math.floor((days - 60) / slots);
  const longest = Math.max(...Object.values(defaultAttributionDays));
  const clearance = BASELINE_WEEKS * 7 + longest + 1;
  if (spacing < clearance)
    throw new Error(`simulateHistory: ${days} days cannot hold ${slots} releases per reason`);

  const releases: SimulatedRelease[] = [];
  for (let k = 0; k < nReleases; k++) {
    const reason = k % nReasons;
    const sendDay =
      60 + Math.floor(k / nReasons) * spacing + random.integer(spacing - clearance + 1);
    const channel = pick(random, CHANNELS);
    const windowDays = defaultAttributionDays[channel];
    const recipients = Math.max(
      500,
      Math.round(medianRecipients * Math.exp(random.normal(0, 0.8))),
    );
    const ruleIds = rules.filter((r) => random.uniform() < r.prevalence).map((r) => r.ruleId);
    const readingGrade = random.normal(8, 2);
    const features: MessageFeatures = {
      ruleIds,
      readingGrade,
      tone: {
        trust: random.normal(70, 10),
        authenticity: random.normal(70, 10),
        reliability: random.normal(70, 10),
        access: random.normal(70, 10),
      },
      channel,
      recipients,
    };
    const found = new Set(ruleIds);
    const logRate =
      Math.log(base) +
      rules.reduce((s, r) => s + (found.has(r.ruleId) ? r.logEffect : 0), 0) +
      (gradeEffect * (readingGrade - 8)) / 2;
    const mean = recipients * Math.exp(logRate);
    // One gamma factor for the release, so the window's total is negative binomial.
    const strayed = random.gamma(mean, alpha);
    const weights = Array.from({ length: windowDays }, (_, lag) => LAG_DECAY ** lag);
    const totalWeight = weights.reduce((s, w) => s + w, 0);
    const series = daily[reason] as Float64Array;
    let trueExcess = 0;
    for (const [lag, w] of weights.entries()) {
      const calls = random.poisson((strayed * w) / totalWeight);
      trueExcess += calls;
      series[sendDay + lag] = (series[sendDay + lag] ?? 0) + calls;
    }
    const held =
      random.uniform() < holdoutShare
        ? {
            sentSegment: "sent",
            heldOutSegment: "held-out",
            heldOut: Math.round(recipients / 10),
          }
        : null;
    const perCustomer = (WEEKLY_CALLS_PER_CUSTOMER * windowDays) / 7;
    const holdoutCalls = held
      ? {
          sent: random.poisson(recipients * perCustomer) + trueExcess,
          heldOut: random.poisson(held.heldOut * perCustomer),
          daysWithData: windowDays,
        }
      : { sent: 0, heldOut: 0, daysWithData: 0 };
    const sentAt = new Date(START + sendDay * DAY);
    const facts: ReleaseFacts = {
      releaseId: `sim-release-${k}`,
      communication: { id: `sim-communication-${k}`, title: `Simulated message ${k}`, channel },
      versionId: `sim-version-${k}`,
      releasedAt: sentAt,
      sendDates: [sentAt],
      recipients,
      score: 70,
      findingRuleIds: ruleIds,
      reasons: [reasons[reason] as string],
      windowDays,
      holdout: held,
    };
    releases.push({
      facts,
      features,
      truePerThousand: 1000 * Math.exp(logRate),
      trueExcess,
      holdoutCalls,
      report: null as unknown as ReleaseReport,
    });
  }
  // Measured only once every release's calls are in the series, as the product would.
  for (const release of releases) {
    const reason = reasons.indexOf(release.facts.reasons[0] as string);
    const sendDay = Math.round(((release.facts.sendDates[0] as Date).getTime() - START) / DAY);
    release.report = releaseReport(release.facts, {
      units: windowUnits(
        daily[reason] as Float64Array,
        release.facts.reasons[0] as string,
        sendDay,
        release.facts.windowDays,
      ),
      holdoutCalls: release.holdoutCalls,
      predecessor: null,
    });
  }
  return { start: new Date(START), reasons, daily, releases, rules };
}

/**
 * The window's days with the same weekday's baseline over up to 8 prior
 * weeks, as the SQL measures them. Releases on one reason are spaced so
 * that no other window falls in a baseline, so only this window is left out.
 */
export function windowUnits(
  series: Float64Array,
  reason: string,
  sendDay: number,
  windowDays: number,
): WindowUnit[] {
  const units: WindowUnit[] = [];
  for (let lag = 0; lag < windowDays; lag++) {
    const day = sendDay + lag;
    const weeks: number[] = [];
    for (let w = 1; w <= BASELINE_WEEKS; w++) {
      const probe = day - 7 * w;
      // As the SQL does: no baseline day before the data or inside the
      // window itself (a 14-day letter's second week would otherwise be
      // measured against its own first).
      if (probe >= 0 && probe < sendDay) weeks.push(series[probe] ?? 0);
    }
    const n = weeks.length;
    const mean = n > 0 ? weeks.reduce((s, v) => s + v, 0) / n : null;
    units.push({
      reason,
      lag,
      covered: day < series.length,
      observed: series[day] ?? 0,
      n,
      mean,
      ssd: mean === null ? null : weeks.reduce((s, v) => s + (v - mean) ** 2, 0),
      unit: "day",
    });
  }
  return units;
}

function pick<T>(random: Random, choices: readonly [T, number][]): T {
  let u = random.uniform();
  for (const [value, p] of choices) {
    if (u < p) return value;
    u -= p;
  }
  return (choices[choices.length - 1] as [T, number])[0];
}

/** The releases with a measured excess, as the model takes them. */
export function observationsOf(releases: readonly SimulatedRelease[]): Observation[] {
  return releases.flatMap((r) =>
    r.report.excess
      ? [
          {
            releaseId: r.facts.releaseId,
            features: r.features,
            excess: r.report.excess.estimate,
            se: r.report.excess.se,
            holdout: r.report.evidence === "holdout",
          },
        ]
      : [],
  );
}
