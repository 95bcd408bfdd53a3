import type { Interval } from "../stats";
import { fitEvidenceModel, measuredInterval, type Observation } from "./model";

/** One release's prediction made without it, against what was measured. */
export interface CalibrationPoint {
  releaseId: string;
  recipients: number;
  /** The interval (per 1,000 recipients) its measured excess should fall in, at `level`. */
  predicted: Interval;
  /** The measured excess per 1,000 recipients. */
  measured: number;
  inside: boolean;
}

export interface Calibration {
  level: number;
  folds: number;
  points: CalibrationPoint[];
  /** Share of measured values inside their intervals; null without points. */
  shareInside: number | null;
}

/** Predictions for `test` from a model fitted on `train` alone, each against its measured excess. */
export function predictHeldBack(
  train: readonly Observation[],
  test: readonly Observation[],
  level = 0.9,
): CalibrationPoint[] {
  const model = fitEvidenceModel(train);
  if (!model) return [];
  return test.map((o) => {
    const interval = measuredInterval(model, o.features, o.se, level);
    const k = 1000 / Math.max(o.features.recipients, 1);
    const measured = o.excess * k;
    return {
      releaseId: o.releaseId,
      recipients: o.features.recipients,
      predicted: {
        estimate: interval.estimate * k,
        low: interval.low * k,
        high: interval.high * k,
      },
      measured,
      inside: measured >= interval.low * k && measured <= interval.high * k,
    };
  });
}

/**
 * Calibration across releases by k-fold cross-validation: every release is
 * predicted by a model that never saw it (folds by position, so neighbours
 * in time fall in different folds), then compared with its measurement.
 */
export function crossValidate(
  observations: readonly Observation[],
  options: { folds?: number; level?: number } = {},
): Calibration {
  const folds = Math.max(2, Math.min(options.folds ?? 5, observations.length));
  const level = options.level ?? 0.9;
  const points: CalibrationPoint[] = [];
  for (let f = 0; f < folds; f++) {
    const train = observations.filter((_, i) => i % folds !== f);
    const test = observations.filter((_, i) => i % folds === f);
    points.push(...predictHeldBack(train, test, level));
  }
  const order = new Map(observations.map((o, i) => [o.releaseId, i]));
  points.sort((a, b) => (order.get(a.releaseId) ?? 0) - (order.get(b.releaseId) ?? 0));
  return {
    level,
    folds,
    points,
    shareInside: points.length > 0 ? points.filter((p) => p.inside).length / points.length : null,
  };
}
