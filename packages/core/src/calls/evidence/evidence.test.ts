import { describe, expect, it } from "vitest";
import { predictHeldBack } from "./calibration";
import { featuresOfAnalysis } from "./features";
import { fitLogLinear } from "./glm";
import { fitEvidenceModel, predict, ruleEffects } from "./model";
import { proposeChanges } from "./proposals";
import { defaultRules, observationsOf, simulateHistory } from "./simulate";

const SEEDS = Array.from({ length: 50 }, (_, i) => 1000 + i);
// Three releases per reason over 300 days: the shortest history the spacing allows, to keep 50 seeds quick.
const SHAPE = { releases: 120, reasons: 40, days: 300 } as const;

describe("the log-link GLM", () => {
  it("without a prior, a known variance or overdispersion, is Poisson regression: Dobson's trial as R's glm reports it", () => {
    // Dobson (1990) p. 93, the example in R's ?glm: counts by outcome and treatment.
    const counts = [18, 17, 15, 20, 10, 20, 25, 13, 12];
    const rows = counts.map((_, i) => {
      const outcome = i % 3;
      const treatment = Math.floor(i / 3);
      return [
        outcome === 1 ? 1 : 0,
        outcome === 2 ? 1 : 0,
        treatment === 1 ? 1 : 0,
        treatment === 2 ? 1 : 0,
      ];
    });
    const fit = fitLogLinear(
      { rows, y: counts, exposure: counts.map(() => 1), se: counts.map(() => 0) },
      { interceptMean: 0, interceptSd: 1e6, coefficientSd: 1e6, alpha: 0, alphaWeight: 0 },
      { alpha: 0 },
    );
    const published = [3.045, -0.4543, -0.293, 0, 0];
    const standardErrors = [0.1709, 0.2022, 0.1927, 0.2, 0.2];
    for (const [j, b] of published.entries()) {
      expect(fit.beta[j]).toBeCloseTo(b, 3);
      expect(Math.sqrt(fit.covariance[j]?.[j] ?? 0)).toBeCloseTo(standardErrors[j] ?? 0, 3);
    }
    expect(fit.converged).toBe(true);
  });

  it("shrinks towards the prior when the data are few, and not when they are many", () => {
    const rows = [[1], [0], [1], [0]];
    const data = {
      rows,
      y: [40, 10, 44, 12],
      exposure: [1000, 1000, 1000, 1000],
      se: [0, 0, 0, 0],
    };
    const prior = { interceptMean: Math.log(0.026), interceptSd: 1.5, alpha: 0, alphaWeight: 0 };
    const loose = fitLogLinear(
      data,
      { ...prior, interceptSd: 1e6, coefficientSd: 1e6 },
      { alpha: 0 },
    );
    const tight = fitLogLinear(data, { ...prior, coefficientSd: 0.1 }, { alpha: 0 });
    // Unpenalised: log(84/22), the ratio of the two groups' totals.
    expect(loose.beta[1]).toBeCloseTo(Math.log(84 / 22), 4);
    expect(Math.abs(tight.beta[1] ?? 0)).toBeLessThan(Math.log(84 / 22) / 2);
  });
});

describe("on simulated histories with a known truth (50 seeds)", () => {
  // Each history is simulated, fitted and judged once, for all the checks below.
  const withEffects = SEEDS.map((seed) => {
    const history = simulateHistory({ seed, ...SHAPE });
    const observations = observationsOf(history.releases);
    const model = fitEvidenceModel(observations);
    return {
      ...history,
      observations,
      model,
      proposal: model && proposeChanges(model, observations),
    };
  });
  const withoutEffects = SEEDS.map((seed) =>
    simulateHistory({
      seed: seed + 5000,
      ...SHAPE,
      rules: defaultRules().map((r) => ({ ...r, logEffect: 0 })),
    }),
  );

  it("recovers every rule's true rate ratio inside its 95% interval in at least 90% of cases", () => {
    let inside = 0;
    let total = 0;
    for (const history of withEffects) {
      const { model } = history;
      expect(model).not.toBeNull();
      if (!model) continue;
      const truth = new Map(history.rules.map((r) => [r.ruleId, Math.exp(r.logEffect)]));
      for (const effect of ruleEffects(model)) {
        const ratio = truth.get(effect.ruleId) as number;
        total++;
        if (effect.rateRatio.low <= ratio && ratio <= effect.rateRatio.high) inside++;
      }
    }
    console.info(`effect coverage: ${inside}/${total} = ${(inside / total).toFixed(3)}`);
    expect(total).toBe(SEEDS.length * defaultRules().length);
    expect(inside / total).toBeGreaterThanOrEqual(0.9);
  });

  it("proposes no change in at least 90% of seeds when no rule has an effect", () => {
    let quiet = 0;
    for (const history of withoutEffects) {
      const observations = observationsOf(history.releases);
      const model = fitEvidenceModel(observations);
      if (model && proposeChanges(model, observations).changes.length === 0) quiet++;
    }
    console.info(`no proposal without effects: ${quiet}/${SEEDS.length}`);
    expect(quiet / SEEDS.length).toBeGreaterThanOrEqual(0.9);
  });

  it("proposes changes for the strong true effects (power, so the quiet result above is not a model that never speaks)", () => {
    const [up, , down] = defaultRules();
    let raised = 0;
    let switchedOff = 0;
    let wrong = 0;
    const noEffect = new Set(
      defaultRules()
        .filter((r) => r.logEffect === 0)
        .map((r) => r.ruleId),
    );
    for (const { proposal } of withEffects) {
      if (!proposal) continue;
      const { changes } = proposal;
      if (changes.some((c) => c.ruleId === up?.ruleId && c.kind !== "switch-off")) raised++;
      if (changes.some((c) => c.ruleId === down?.ruleId && c.kind === "switch-off")) switchedOff++;
      wrong += changes.filter((c) => noEffect.has(c.ruleId)).length;
    }
    console.info(
      `power: raised ${raised}/50, switched off ${switchedOff}/50, null rules changed ${wrong}`,
    );
    expect(raised / SEEDS.length).toBeGreaterThanOrEqual(0.9);
    expect(switchedOff / SEEDS.length).toBeGreaterThanOrEqual(0.9);
    expect(wrong / SEEDS.length).toBeLessThanOrEqual(0.1);
  });

  it("covers the measured excess of held-back releases with its 90% intervals 85–95% of the time", () => {
    let inside = 0;
    let total = 0;
    for (const { observations } of withEffects) {
      // The last fifth of each history, in release order, is held back.
      const cut = Math.floor(observations.length * 0.8);
      const points = predictHeldBack(observations.slice(0, cut), observations.slice(cut), 0.9);
      total += points.length;
      inside += points.filter((p) => p.inside).length;
    }
    console.info(`held-back coverage: ${inside}/${total} = ${(inside / total).toFixed(3)}`);
    expect(total).toBeGreaterThan(SEEDS.length * 20);
    expect(inside / total).toBeGreaterThanOrEqual(0.85);
    expect(inside / total).toBeLessThanOrEqual(0.95);
  });

  it("predicts a draft with its three largest contributing findings and the calls for its audience", () => {
    const model = withEffects[0]?.model;
    if (!model) throw new Error("no model");
    const rules = defaultRules();
    const draft = {
      ruleIds: rules.map((r) => r.ruleId),
      readingGrade: 8,
      tone: null,
      channel: "EMAIL" as const,
      recipients: 24_000,
    };
    const prediction = predict(model, draft);
    expect(prediction.perThousand.low).toBeLessThan(prediction.perThousand.estimate);
    expect(prediction.perThousand.high).toBeGreaterThan(prediction.perThousand.estimate);
    expect(prediction.calls.estimate).toBeCloseTo(
      (prediction.perThousand.estimate * 24_000) / 1000,
      6,
    );
    // The three rules with true ratios above one (in the order of their estimates), largest first.
    expect(prediction.contributions.map((c) => c.ruleId).sort()).toEqual(
      [rules[0], rules[1], rules[3]].map((r) => r?.ruleId).sort(),
    );
    const added = prediction.contributions.map((c) => c.perThousand);
    expect(added).toEqual([...added].sort((a, b) => b - a));
  });
});

describe("with little history", () => {
  const history = simulateHistory({ seed: 7, ...SHAPE });
  const observations = observationsOf(history.releases);

  it("has no model below eight measured releases, so the product says so instead of a number", () => {
    expect(fitEvidenceModel(observations.slice(0, 7))).toBeNull();
    expect(fitEvidenceModel(observations.slice(0, 8))).not.toBeNull();
  });

  it("gives sober numbers from a handful of releases: effects near one, intervals wide but finite", () => {
    const model = fitEvidenceModel(observations.slice(0, 10));
    if (!model) throw new Error("no model");
    for (const effect of ruleEffects(model)) {
      expect(effect.rateRatio.estimate).toBeGreaterThan(1 / 3);
      expect(effect.rateRatio.estimate).toBeLessThan(3);
      expect(Number.isFinite(effect.rateRatio.high)).toBe(true);
    }
    const { changes } = proposeChanges(model, observations.slice(0, 10));
    expect(changes).toEqual([]);
  });
});

describe("the features of a frozen analysis", () => {
  it("reads the rules found, the reading grade and the tone scores submission freezes, and null for what is missing", () => {
    const frozen = {
      findings: [
        { ruleId: "plain.wordy" },
        { ruleId: "plain.wordy" },
        { ruleId: "plain.legalese" },
      ],
      metrics: { consensusGrade: 9.5 },
      tone: {
        tara: {
          trust: { score: 60 },
          authenticity: { score: 70 },
          reliability: { score: 80 },
          access: { score: 90 },
        },
      },
    };
    expect(featuresOfAnalysis(frozen, "SMS", 500)).toEqual({
      ruleIds: ["plain.legalese", "plain.wordy"],
      readingGrade: 9.5,
      tone: { trust: 60, authenticity: 70, reliability: 80, access: 90 },
      channel: "SMS",
      recipients: 500,
    });
    // Older reviews froze findings only.
    expect(featuresOfAnalysis({ findings: [] }, "EMAIL", 10)).toMatchObject({
      readingGrade: null,
      tone: null,
    });
    expect(featuresOfAnalysis(null, "EMAIL", 10).ruleIds).toEqual([]);
  });
});
