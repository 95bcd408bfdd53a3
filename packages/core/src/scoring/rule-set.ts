// An organisation's rule set as people read and change it. The rules engine
// takes a sparse RuleSet (only what differs from its defaults); an admin, the
// history and the audit trail think in whole values ("long sentences: off,
// was on"). So a change is measured on the effective rule set — every rule's
// on/off and severity, every weight and threshold, each phrase list — and a
// change that leaves all of those as they were is no change, even if its JSON
// differs. Browser-safe: the Settings page shows the same values.
import {
  analyze,
  type Dimension,
  defaultDimensionWeights,
  defaultThresholds,
  parseRuleSet,
  type RuleSet,
  ruleDefinitions,
  type Severity,
} from "@conductor/rules";

/**
 * A change to the rule set in force, in the rule set's own shape: a rule's
 * `enabled`/`severity`, a weight or a threshold replaces that one value;
 * a phrase list given replaces the whole list. What it leaves out stays.
 */
export type RuleSetChange = RuleSet;

type ThresholdName = keyof NonNullable<RuleSet["thresholds"]>;
const thresholdNames = [
  "maxSentenceWords",
  "targetGrade",
  "maxParagraphSentences",
  "maxParagraphWords",
  "maxSmsSegments",
  "maxSubjectCharacters",
] as const satisfies readonly ThresholdName[];
const dimensions = Object.keys(defaultDimensionWeights) as Dimension[];
const listNames = ["bannedPhrases", "requiredPhrases", "terms"] as const;

/** Every value a rule set decides, defaults filled in. */
export interface EffectiveRuleSet {
  rules: Record<string, { enabled: boolean; severity: Severity }>;
  weights: Record<Dimension, number>;
  /** null: the product's default (for sentence length, the channel's own limit). */
  thresholds: Record<ThresholdName, number | null>;
  bannedPhrases: NonNullable<RuleSet["bannedPhrases"]>;
  requiredPhrases: NonNullable<RuleSet["requiredPhrases"]>;
  terms: NonNullable<RuleSet["terms"]>;
}

/** The same values as the rules engine reads them (compile.ts, score.ts). */
export function effectiveRuleSet(ruleSet: RuleSet): EffectiveRuleSet {
  const overrides = ruleSet.rules ?? {};
  const t = ruleSet.thresholds ?? {};
  return {
    rules: Object.fromEntries(
      ruleDefinitions.map((rule) => [
        rule.id,
        {
          enabled: overrides[rule.id]?.enabled ?? true,
          severity: overrides[rule.id]?.severity ?? rule.severity,
        },
      ]),
    ),
    weights: Object.fromEntries(
      dimensions.map((d) => [d, ruleSet.weights?.[d] ?? defaultDimensionWeights[d]]),
    ) as Record<Dimension, number>,
    thresholds: Object.fromEntries(
      thresholdNames.map((name) => [
        name,
        t[name] ?? (name === "maxSentenceWords" ? null : defaultThresholds[name]),
      ]),
    ) as Record<ThresholdName, number | null>,
    bannedPhrases: ruleSet.bannedPhrases ?? [],
    requiredPhrases: ruleSet.requiredPhrases ?? [],
    terms: ruleSet.terms ?? [],
  };
}

/** One value that a change moved, by its path in the rule set ("rules.tone.blame.severity"). */
export interface RuleSetFieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

// Order-insensitive for object keys (PostgreSQL's jsonb reorders them), order-sensitive for lists.
function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortedKeys(a)) === JSON.stringify(sortedKeys(b));
}

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => [k, sortedKeys(v)]),
  );
}

/** What differs between two rule sets, value by value, in the registry's order. */
export function ruleSetChanges(before: RuleSet, after: RuleSet): RuleSetFieldChange[] {
  const a = effectiveRuleSet(before);
  const b = effectiveRuleSet(after);
  const changes: RuleSetFieldChange[] = [];
  const compare = (field: string, from: unknown, to: unknown) => {
    if (!sameValue(from, to)) changes.push({ field, from, to });
  };
  for (const rule of ruleDefinitions) {
    const from = a.rules[rule.id];
    const to = b.rules[rule.id];
    compare(`rules.${rule.id}.enabled`, from?.enabled, to?.enabled);
    compare(`rules.${rule.id}.severity`, from?.severity, to?.severity);
  }
  for (const d of dimensions) compare(`weights.${d}`, a.weights[d], b.weights[d]);
  for (const name of thresholdNames)
    compare(`thresholds.${name}`, a.thresholds[name], b.thresholds[name]);
  for (const list of listNames) compare(list, a[list], b[list]);
  return changes;
}

/**
 * The rule set in force with a change applied, validated as a whole by the
 * rules' own parser (which throws RuleSetError naming each bad field). Keys
 * come out in one order whatever order they went in, because the rules'
 * version hash is taken over the rule set's JSON text.
 */
export function applyRuleSetChange(inForce: RuleSet, change: RuleSetChange): RuleSet {
  const rules: Record<string, { enabled?: boolean; severity?: Severity }> = {};
  for (const rule of ruleDefinitions) {
    const merged = { ...inForce.rules?.[rule.id], ...change.rules?.[rule.id] };
    if (merged.enabled !== undefined || merged.severity !== undefined) rules[rule.id] = merged;
  }
  return canonicalRuleSet(
    parseRuleSet({
      ...inForce,
      ...change,
      rules,
      thresholds: { ...inForce.thresholds, ...change.thresholds },
      weights: { ...inForce.weights, ...change.weights },
    }),
  );
}

/** A rule set with its keys in a fixed order and empty parts left out, so equal rule sets hash alike. */
export function canonicalRuleSet(ruleSet: RuleSet): RuleSet {
  const nonEmpty = (value: object | undefined) =>
    value && Object.keys(value).length > 0 ? value : undefined;
  const sorted = sortedKeys({
    ...ruleSet,
    rules: nonEmpty(ruleSet.rules),
    thresholds: nonEmpty(ruleSet.thresholds),
    weights: nonEmpty(ruleSet.weights),
  });
  return sorted as RuleSet;
}

/** The rules version a score under this rule set names (what a frozen analysis records). */
export function rulesVersionOf(ruleSet: RuleSet | null): string {
  return analyze({ blocks: [] }, ruleSet ? { ruleSet } : {}).rulesVersion;
}
