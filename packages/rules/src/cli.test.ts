import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const bin = resolve(import.meta.dirname, "..", "bin", "conductor-clarity.mjs");
const dir = mkdtempSync(join(tmpdir(), "clarity-cli-"));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [bin, ...args], { input, encoding: "utf8" });

const transactional = file(
  "transactional.txt",
  "Your payment for $177.17 was received on 4/18/17. Your next payment is due on 5/18/17.\n",
);

describe("conductor-clarity", () => {
  it("prints the score and each finding with its line and column", () => {
    const result = run([transactional, "--channel", "sms"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/clarity \d+(\.\d)?\/100/);
    expect(result.stdout).toContain('1:26    warning    Passive voice: "was received"');
    expect(result.stdout).toContain("SMS: GSM-7, 87 characters, 1 segment(s)");
  });

  it("gives line and column on later lines, for findings in text order", () => {
    const text = "Hello.\n\nPursuant to the terms, call us.\nWe shall refund you.\n";
    const result = run([file("lines.txt", text)]);
    expect(result.stdout).toMatch(/\n {2}3:1 +\S+ +"Pursuant to"/);
    expect(result.stdout).toMatch(/\n {2}4:4 +\S+ +"shall"/);
  });

  it("refuses empty standard input with exit 2 instead of printing grade NaN", () => {
    const result = run([], "");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("stdin is empty");
    expect(result.stdout).not.toContain("NaN");
  });

  it("reads standard input and prints JSON", () => {
    const result = run(["--json"], "Pursuant to the terms, please remit.");
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.findings.map((f: { ruleId: string }) => f.ruleId)).toContain("plain.legalese");
  });

  it("exits 1 below --min-score, so a template repository can be gated", () => {
    expect(run([transactional, "--min-score", "99"]).status).toBe(1);
    expect(run([transactional, "--min-score", "10"]).status).toBe(0);
  });

  it("uses a brief and a rule set from JSON files", () => {
    const brief = file("brief.json", JSON.stringify({ mustSay: ["$200"] }));
    const config = file(
      "rules.json",
      JSON.stringify({ rules: { "plain.passive-voice": { enabled: false } } }),
    );
    const result = run([transactional, "--brief", brief, "--config", config]);
    expect(result.stdout).toContain('Must say: "$200"');
    expect(result.stdout).not.toContain("Passive voice");
  });

  it("explains unreadable files, bad JSON, bad rule sets and bad options (exit 2)", () => {
    const cases: [string[], RegExp][] = [
      [[join(dir, "missing.txt")], /cannot read .*missing\.txt: ENOENT/],
      [[transactional, "--config", file("bad.json", "{bad")], /bad\.json is not valid JSON/],
      [
        [transactional, "--config", file("cfg.json", '{"thresholds":{"targetGrade":"x"}}')],
        /thresholds\.targetGrade/,
      ],
      [[transactional, "--channel", "fax"], /--channel must be one of/],
      [[transactional, "--min-score", "lots"], /--min-score must be a number/],
      [[transactional, "--colour"], /Unknown option/],
      [[file("empty.txt", " \n\n")], /empty\.txt is empty: there is no text to score/],
      [[file("image.png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR")], /image\.png is binary/],
    ];
    for (const [args, message] of cases) {
      const result = run(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });
});
