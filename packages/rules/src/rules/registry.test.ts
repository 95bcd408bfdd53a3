import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withTable } from "../../scripts/rule-table";
import { analyze } from "../analyze/analyze";
import { type ExampleCase, phraseMessage, type RuleDefinition, ruleDefinitions } from "./registry";

describe("rule registry", () => {
  it("has unique ids, each with a reason, a source and an example", () => {
    const ids = ruleDefinitions.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of ruleDefinitions) {
      expect(rule.why.length).toBeGreaterThan(20);
      expect(rule.source.length).toBeGreaterThan(3);
      expect(rule.example.before).not.toBe(rule.example.after);
    }
  });

  it("README's rule table is the one generated from the registry (run npm run docs)", () => {
    const readme = readFileSync(join(import.meta.dirname, "..", "..", "README.md"), "utf8");
    expect(withTable(readme)).toBe(readme);
  });
});

describe("each rule's registry example, run as a fixture", () => {
  const fires = (c: ExampleCase, ruleId: string) =>
    analyze(c.text, c.options).findings.some((f) => f.ruleId === ruleId);
  for (const rule of ruleDefinitions as readonly RuleDefinition[]) {
    it(`${rule.id}: fires on the example's before, not on its after`, () => {
      const { before, after } = rule.example.fixture ?? {
        before: { text: rule.example.before, options: rule.example.options },
        after: { text: rule.example.after, options: rule.example.options },
      };
      expect(fires(before, rule.id)).toBe(true);
      expect(fires(after, rule.id)).toBe(false);
    });
  }
});

describe("messages from the registry", () => {
  it("fills a phrase rule's template, keeping the bracketed part only with a suggestion", () => {
    expect(phraseMessage("plain.legalese", "pursuant to", ["under"])).toBe(
      '"pursuant to" is legalese: try "under"',
    );
    expect(phraseMessage("plain.legalese", "hereinafter", [])).toBe('"hereinafter" is legalese');
    expect(phraseMessage("plain.wordy", "type of", [], ": it can usually be left out")).toBe(
      '"type of" is wordy: it can usually be left out',
    );
  });
});
