import { RuleSetError } from "@conductor/rules";
import { describe, expect, it } from "vitest";
import { storedRuleSet } from "../rule-sets/in-force";
import { applyRuleSetChange, effectiveRuleSet, ruleSetChanges, rulesVersionOf } from "./rule-set";

describe("a change to the rule set", () => {
  const inForce = applyRuleSetChange(
    {},
    {
      rules: { "plain.legalese": { enabled: false } },
      weights: { tone: 0.3 },
      bannedPhrases: [{ phrase: "valued customer" }],
    },
  );

  it("merges one value at a time and replaces a phrase list whole", () => {
    const after = applyRuleSetChange(inForce, {
      rules: { "plain.legalese": { severity: "error" }, "plain.wordy": { enabled: false } },
      weights: { brief: 0.1 },
      bannedPhrases: [{ phrase: "at this moment in time" }],
    });
    expect(after.rules?.["plain.legalese"]).toEqual({ enabled: false, severity: "error" });
    expect(after.rules?.["plain.wordy"]).toEqual({ enabled: false });
    expect(after.weights).toEqual({ tone: 0.3, brief: 0.1 });
    expect(after.bannedPhrases).toEqual([{ phrase: "at this moment in time" }]);
    expect(ruleSetChanges(inForce, after)).toEqual([
      { field: "rules.plain.legalese.severity", from: "warning", to: "error" },
      { field: "rules.plain.wordy.enabled", from: true, to: false },
      { field: "weights.brief", from: 0.075, to: 0.1 },
      {
        field: "bannedPhrases",
        from: [{ phrase: "valued customer" }],
        to: [{ phrase: "at this moment in time" }],
      },
    ]);
  });

  it("is measured on what the rules do: spelling out a default changes nothing", () => {
    const spelled = applyRuleSetChange(inForce, {
      rules: { "plain.wordy": { enabled: true, severity: "suggestion" } },
      thresholds: { targetGrade: 8 },
    });
    expect(spelled).not.toEqual(inForce);
    expect(effectiveRuleSet(spelled)).toEqual(effectiveRuleSet(inForce));
    expect(ruleSetChanges(inForce, spelled)).toEqual([]);
  });

  it("gives the same rules version whatever order the stored keys come back in", () => {
    // PostgreSQL's jsonb returns keys in its own order.
    const reordered = JSON.parse(
      JSON.stringify({
        weights: inForce.weights,
        bannedPhrases: inForce.bannedPhrases,
        rules: inForce.rules,
      }),
    );
    expect(storedRuleSet(reordered)).toEqual(inForce);
    expect(rulesVersionOf(storedRuleSet(reordered))).toBe(rulesVersionOf(inForce));
    expect(rulesVersionOf(inForce)).not.toBe(rulesVersionOf(null));
  });

  it("refuses a merged rule set the rules would not take, naming the field", () => {
    expect(() => applyRuleSetChange(inForce, { weights: { tone: 2 } })).toThrow(RuleSetError);
    expect(() => applyRuleSetChange(inForce, { weights: { tone: 2 } })).toThrow(/weights\.tone/);
  });

  it("reads a stored rule set whose rule the registry has since dropped, without that rule", () => {
    const stored = storedRuleSet({
      rules: { "plain.retired-rule": { enabled: false }, "plain.legalese": { enabled: false } },
    });
    expect(stored.rules).toEqual({ "plain.legalese": { enabled: false } });
  });
});
