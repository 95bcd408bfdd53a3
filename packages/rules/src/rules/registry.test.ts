import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withTable } from "../../scripts/rule-table";
import { ruleDefinitions } from "./registry";

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
