import { describe, expect, it } from "vitest";
import { analyze, parseRuleSet, RuleSetError } from "./index";

describe("rule-set configuration", () => {
  it("rejects an invalid rule set naming the bad field", () => {
    expect(() => parseRuleSet({ thresholds: { maxSentenceWords: "long" } })).toThrow(
      /thresholds\.maxSentenceWords/,
    );
    expect(() => parseRuleSet({ rules: { "plain.nonsense": { enabled: false } } })).toThrow(
      /rules: Unrecognized key: "plain\.nonsense"/,
    );
    expect(() => parseRuleSet({ bannedPhrases: [{ phrase: "" }] })).toThrow(
      /bannedPhrases\.0\.phrase/,
    );
    expect(() => parseRuleSet({ colour: "blue" })).toThrow(RuleSetError);
    expect(() => analyze("x", { ruleSet: { thresholds: { targetGrade: 99 } } })).toThrow(
      /targetGrade/,
    );
  });

  it("disables a rule and changes a severity", () => {
    const text = "Your payment was received.";
    expect(
      analyze(text, {
        ruleSet: { rules: { "plain.passive-voice": { enabled: false } } },
      }).findings.map((f) => f.ruleId),
    ).not.toContain("plain.passive-voice");
    const severe = analyze(text, {
      ruleSet: { rules: { "plain.passive-voice": { severity: "error" } } },
    });
    expect(severe.findings.find((f) => f.ruleId === "plain.passive-voice")!.severity).toBe("error");
  });

  it("applies thresholds", () => {
    const text = "We received your payment of $20 on Monday and it covers your bill.";
    expect(analyze(text).findings.map((f) => f.ruleId)).not.toContain("readability.long-sentence");
    expect(
      analyze(text, { ruleSet: { thresholds: { maxSentenceWords: 8 } } }).findings.map(
        (f) => f.ruleId,
      ),
    ).toContain("readability.long-sentence");
  });

  it("reports banned phrases with replacements, required phrases per channel, and terms", () => {
    const ruleSet = {
      bannedPhrases: [{ phrase: "valued member", replacement: "customer" }],
      requiredPhrases: [
        {
          phrase: "Harbour Energy is regulated by Ofgem",
          channels: ["LETTER" as const],
          label: "regulator disclosure",
        },
      ],
      terms: [{ use: "account number", insteadOf: ["acct no", "account no"] }],
    };
    const result = analyze("Dear valued member, your acct no is below.", {
      ruleSet,
      channel: "LETTER",
    });
    const banned = result.findings.find((f) => f.ruleId === "plain.banned-phrase")!;
    expect(banned).toMatchObject({ actual: "valued member", suggestions: ["customer"] });
    expect(result.findings.find((f) => f.ruleId === "plain.term")).toMatchObject({
      actual: "acct no",
      suggestions: ["account number"],
    });
    expect(result.findings.find((f) => f.ruleId === "channel.required-phrase")!.message).toContain(
      "regulator disclosure",
    );
    expect(
      analyze("Hello", { ruleSet, channel: "SMS" }).findings.map((f) => f.ruleId),
    ).not.toContain("channel.required-phrase");
  });

  it("gives a different rulesVersion when the rule set changes, the same one otherwise", () => {
    const a = analyze("Hello there.").rulesVersion;
    expect(analyze("Something else.").rulesVersion).toBe(a);
    expect(
      analyze("Hello there.", { ruleSet: { thresholds: { targetGrade: 6 } } }).rulesVersion,
    ).not.toBe(a);
  });
});

describe("rulesVersion", () => {
  it("covers every word list, not only the phrase lists", async () => {
    const { numberLabels } = await import("./data/phrases");
    const before = analyze("Hello there.").rulesVersion;
    numberLabels.add("conductor-test-label");
    try {
      // A new rule set object forces a fresh compile of the same settings.
      expect(analyze("Hello there.", { ruleSet: { thresholds: {} } }).rulesVersion).not.toBe(
        before,
      );
    } finally {
      numberLabels.delete("conductor-test-label");
    }
  });
});
