// Issue 18's figures: fitting the evidence model on 1,000 releases × 200
// reasons × 2 years of simulated history (goal: under 5 s) and one draft's
// prediction (goal: under 20 ms). Anchors, measured in the same run: the same
// design fitted as a plain Poisson GLM (no prior, no overdispersion, no
// measurement variance), and the bare linear predictor of one row (its dot
// product and quadratic form). Prints; asserts nothing.
import { loadavg } from "node:os";
import {
  crossValidate,
  fitEvidenceModel,
  fitLogLinear,
  linearPredictor,
  observationsOf,
  predict,
  proposeChanges,
  rowOf,
  type SimulatedRule,
  simulateHistory,
} from "@conductor/core/evidence";
import { ruleDefinitions } from "@conductor/rules";

const RELEASES = Number(process.env.BENCH_RELEASES ?? 1_000);
const REASONS = 200;
const DAYS = 730;
const load = () => loadavg()[0]?.toFixed(1) ?? "?";

/** Every registry rule: six with a true effect, the rest with none, found on 5–40% of messages. */
function everyRule(): SimulatedRule[] {
  const effects = [1.8, 1.5, 1.3, 0.7, 0.6, 1.2];
  return ruleDefinitions.map((rule, i) => ({
    ruleId: rule.id,
    prevalence: 0.05 + 0.05 * (i % 8),
    logEffect: Math.log(effects[i] ?? 1),
  }));
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export async function evidenceBench(): Promise<void> {
  console.log(
    `\nEvidence model: ${RELEASES.toLocaleString("en")} releases × ${REASONS} reasons × 2 years simulated (goals: fit under 5 s, one prediction under 20 ms)`,
  );
  const loadBefore = load();
  const simulation = timed(() =>
    simulateHistory({
      seed: 18,
      releases: RELEASES,
      reasons: REASONS,
      days: DAYS,
      rules: everyRule(),
    }),
  );
  const history = simulation.value;
  const observations = observationsOf(history.releases);
  // The fit as the use case runs it, three times; the median is the figure.
  const fits = [0, 1, 2].map(() => timed(() => fitEvidenceModel(observations)));
  const model = fits[0]?.value;
  if (!model) throw new Error("no model fitted");
  const fitMs = median(fits.map((f) => f.ms));
  // The anchor: the same rows, exposure and counts as a plain Poisson GLM.
  const rows = observations.map((o) => rowOf(model.design, o.features));
  const plain = [0, 1, 2].map(() =>
    timed(() =>
      fitLogLinear(
        {
          rows,
          y: observations.map((o) => Math.max(o.excess, 0)),
          exposure: observations.map((o) => o.features.recipients),
          se: observations.map(() => 0),
        },
        {
          interceptMean: Math.log(0.004),
          interceptSd: 1e6,
          coefficientSd: 1e6,
          alpha: 0,
          alphaWeight: 0,
        },
        { alpha: 0 },
      ),
    ),
  );
  const plainMs = median(plain.map((p) => p.ms));
  const proposal = timed(() => proposeChanges(model, observations));
  const calibration = timed(() => crossValidate(observations));
  console.log(
    `  simulate + measure (releaseReport) ${simulation.value.releases.length} releases: ${simulation.ms.toFixed(0)} ms`,
  );
  console.log(
    `  fit: ${fitMs.toFixed(1)} ms (median of 3; ${observations.length} measured releases, ${model.design.columns.length} columns, α ${model.fit.alpha.toFixed(3)}, ${model.fit.iterations} IRLS iterations)  · anchor plain Poisson GLM ${plainMs.toFixed(1)} ms  · ratio ${(fitMs / plainMs).toFixed(2)}×`,
  );
  console.log(
    `  proposals (incl. the holdout refit): ${proposal.ms.toFixed(1)} ms, ${proposal.value.changes.length} changes  · 5-fold calibration: ${calibration.ms.toFixed(0)} ms, ${((calibration.value.shareInside ?? 0) * 100).toFixed(1)}% inside 90%`,
  );
  // One draft: every rule's finding of the first message, as the use case predicts it.
  const draft = {
    ...(observations[0]?.features ?? history.releases[0]!.features),
    recipients: 24_000,
  };
  for (let i = 0; i < 200; i++) predict(model, draft); // warm
  const predictions = Array.from({ length: 1_000 }, () => timed(() => predict(model, draft)).ms);
  const draftRow = rowOf(model.design, draft);
  const bare = Array.from(
    { length: 1_000 },
    () => timed(() => linearPredictor(model, draftRow)).ms,
  );
  const p = median(predictions);
  const b = median(bare);
  const one = predict(model, draft);
  console.log(
    `  one prediction: ${(p * 1000).toFixed(1)} µs median of 1,000 (${one.perThousand.estimate.toFixed(1)} (${one.perThousand.low.toFixed(1)}–${one.perThousand.high.toFixed(1)}) per 1,000)  · anchor bare linear predictor ${(b * 1000).toFixed(1)} µs  · ratio ${(p / b).toFixed(1)}×`,
  );
  console.log(`  load ${loadBefore} → ${load()}`);
}
