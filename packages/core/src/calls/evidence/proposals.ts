import {
  type Dimension,
  defaultDimensionWeights,
  type RuleDefinition,
  type RuleSet,
  ruleDefinitions,
  type Severity,
} from "@conductor/rules";
import type { Interval } from "../stats";
import {
  type EvidenceModel,
  fitEvidenceModel,
  MINIMUM_RELEASES,
  type Observation,
  type RuleEffect,
  ruleEffects,
} from "./model";

/**
 * When the evidence is clear enough to propose a change. Many rules are
 * tested at once, so each interval is Bonferroni-widened to keep the chance
 * of any false proposal near FAMILY_ERROR; an effect must also be large
 * enough to matter, rest on enough messages either side, and not point the
 * other way in the releases measured against a held-back group.
 */
export const PROPOSAL = {
  familyError: 0.05,
  /** |rate ratio − 1| below this (20%) is not worth changing a rule for. */
  minimumRatio: 1.2,
  minimumMessages: 5,
} as const;

export type HoldoutVerdict =
  /** The holdout releases alone point the same way. */
  | "holds"
  /** They point the other way: no proposal. */
  | "contradicts"
  /** Too few holdout releases with and without a finding to say. */
  | "too-few";

export type ProposedChange =
  | { kind: "raise-severity"; ruleId: string; from: Severity; to: Severity }
  | { kind: "raise-weight"; ruleId: string; dimension: Dimension; from: number; to: number }
  | { kind: "switch-off"; ruleId: string };

export interface RuleEvidence extends RuleEffect {
  /** Findings go with higher or lower contact rates, by the 95% interval; else unclear. */
  direction: "higher" | "lower" | "unclear";
  holdout: { nWith: number; nWithout: number; rateRatio: Interval | null; verdict: HoldoutVerdict };
  /** Whether the evidence is clear enough to propose a change (see PROPOSAL). */
  clear: boolean;
  proposal: ProposedChange | null;
}

export interface EvidenceProposal {
  rules: RuleEvidence[];
  /** The changes proposed, one per clear rule; empty when nothing is clear. */
  changes: ProposedChange[];
  /** The organisation's rule set with every proposed change applied: what adopting saves. */
  ruleSet: RuleSet;
  /** The interval level each rule had to clear (1 − familyError / rules tested). */
  testLevel: number;
}

const LADDER: Severity[] = ["suggestion", "warning", "error"];
const WEIGHT_STEP = 0.05;

/**
 * The per-rule evidence and the changes it supports. A finding that goes
 * with more calls raises the rule's severity a step (at "error" already,
 * the weight of its dimension in the score); one that goes with fewer calls
 * is steering writers the wrong way, so the proposal switches the rule off.
 * Nothing here changes anything: an admin adopts a proposal or not.
 */
export function proposeChanges(
  model: EvidenceModel,
  observations: readonly Observation[],
  current: RuleSet = {},
): EvidenceProposal {
  const effects = ruleEffects(model);
  const tested = Math.max(effects.length, 1);
  const testLevel = 1 - PROPOSAL.familyError / tested;
  const strict = new Map(ruleEffects(model, testLevel).map((e) => [e.ruleId, e]));
  const held = observations.filter((o) => o.holdout);
  const holdoutModel =
    held.length >= MINIMUM_RELEASES ? fitEvidenceModel(held, { minimumMessages: 2 }) : null;
  const holdoutEffects = new Map(
    (holdoutModel ? ruleEffects(holdoutModel) : []).map((e) => [e.ruleId, e]),
  );
  const definitions = new Map<string, RuleDefinition>(ruleDefinitions.map((d) => [d.id, d]));
  const weights: Record<Dimension, number> = { ...defaultDimensionWeights, ...current.weights };
  const rules: RuleEvidence[] = effects.map((effect) => {
    const direction =
      effect.rateRatio.low > 1 ? "higher" : effect.rateRatio.high < 1 ? "lower" : "unclear";
    const onHoldout = holdoutEffects.get(effect.ruleId);
    const nWith = held.filter((o) => o.features.ruleIds.includes(effect.ruleId)).length;
    const verdict: HoldoutVerdict = !onHoldout
      ? "too-few"
      : onHoldout.rateRatio.estimate > 1 === effect.rateRatio.estimate > 1
        ? "holds"
        : "contradicts";
    const wide = strict.get(effect.ruleId)?.rateRatio ?? effect.rateRatio;
    const ratio = effect.rateRatio.estimate;
    const clear =
      (wide.low > 1 || wide.high < 1) &&
      Math.max(ratio, 1 / ratio) >= PROPOSAL.minimumRatio &&
      effect.nWith >= PROPOSAL.minimumMessages &&
      effect.nWithout >= PROPOSAL.minimumMessages &&
      verdict !== "contradicts";
    const definition = definitions.get(effect.ruleId);
    const configured = current.rules?.[effect.ruleId as keyof NonNullable<RuleSet["rules"]>];
    let proposal: ProposedChange | null = null;
    if (clear && definition && configured?.enabled !== false) {
      if (ratio < 1) proposal = { kind: "switch-off", ruleId: effect.ruleId };
      else {
        const from = configured?.severity ?? definition.severity;
        const step = LADDER[LADDER.indexOf(from) + 1];
        if (step) proposal = { kind: "raise-severity", ruleId: effect.ruleId, from, to: step };
        else {
          const weight = weights[definition.dimension];
          const to = Math.min(1, Math.round((weight + WEIGHT_STEP) * 1000) / 1000);
          if (to > weight)
            proposal = {
              kind: "raise-weight",
              ruleId: effect.ruleId,
              dimension: definition.dimension,
              from: weight,
              to,
            };
        }
      }
    }
    return {
      ...effect,
      direction,
      holdout: {
        nWith,
        nWithout: held.length - nWith,
        rateRatio: onHoldout?.rateRatio ?? null,
        verdict,
      },
      clear,
      proposal,
    };
  });
  const changes = rules.flatMap((r) => (r.proposal ? [r.proposal] : []));
  return { rules, changes, ruleSet: applyChanges(current, changes), testLevel };
}

/** The rule set with the changes applied; two rules raising one dimension raise it once. */
export function applyChanges(current: RuleSet, changes: readonly ProposedChange[]): RuleSet {
  const rules = { ...current.rules } as NonNullable<RuleSet["rules"]>;
  const weights = { ...current.weights };
  for (const change of changes) {
    const id = change.ruleId as keyof typeof rules;
    if (change.kind === "switch-off") rules[id] = { ...rules[id], enabled: false };
    else if (change.kind === "raise-severity") rules[id] = { ...rules[id], severity: change.to };
    else weights[change.dimension] = Math.max(weights[change.dimension] ?? 0, change.to);
  }
  return {
    ...current,
    ...(Object.keys(rules).length > 0 ? { rules } : {}),
    ...(Object.keys(weights).length > 0 ? { weights } : {}),
  };
}
