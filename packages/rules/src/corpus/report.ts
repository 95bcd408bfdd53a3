// Prints how the engine does on the annotated corpus against the issue's
// goals, rule by rule, and every miss and unexpected finding with its message,
// so whoever tunes the engine sees what to fix:
//   npx tsx packages/rules/src/corpus/report.ts [--misses]
import { analyze } from "../analyze/analyze";
import { loadCorpus } from "./corpus";
import { evaluate, goodSetLoad, optionsOf, precision, recall } from "./evaluate";

const corpus = loadCorpus();
const { outcomes, byRule } = evaluate(corpus.messages);
const load = goodSetLoad(outcomes);
const poor = outcomes.filter((o) => o.message.quality === "poor");
const fullyMet = poor.filter((o) => o.missed.length === 0).length;
const rewritesBetter = corpus.rewrites.filter(
  (r) =>
    analyze(r.after.text, optionsOf(r.after)).score >
    analyze(r.before.text, optionsOf(r.before)).score,
).length;

const ceiling = load.messages / 10;
console.log(
  `well-written: ${load.warningsAndErrors} warnings or errors on ${load.messages} messages (goal ≤ ${ceiling})`,
);
console.log(
  `well-written: ${load.callDrivers} predicted call drivers on ${load.messages} messages (goal ≤ ${ceiling})`,
);
console.log(
  `poorly written: ${fullyMet} of ${poor.length} get every finding their annotation names (goal: all)`,
);
console.log(
  `rewrites: ${rewritesBetter} of ${corpus.rewrites.length} score higher than the original (goal: all)`,
);
console.log("\nrule                                   TP   FP   FN  precision  recall");
const share = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)}%`);
for (const [rule, t] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(
    `${rule.padEnd(38)} ${String(t.truePositives).padStart(3)}  ${String(t.falsePositives).padStart(3)}  ${String(t.falseNegatives).padStart(3)}  ${share(precision(t)).padStart(9)}  ${share(recall(t)).padStart(6)}`,
  );
}

if (process.argv.includes("--misses")) {
  for (const o of outcomes) {
    const lines = [
      ...o.missed.map((e) => `  missed     ${e.rule}${e.quote ? ` «${e.quote}»` : ""}: ${e.why}`),
      ...o.unexpected.map(
        (f) =>
          `  unexpected ${f.severity} ${f.ruleId} «${f.field ? "(subject)" : o.message.text.slice(f.start, f.end).slice(0, 50)}»`,
      ),
      ...(o.message.quality === "good"
        ? o.callDrivers.map(
            (d) =>
              `  driver     ${d.question} «${o.message.text.slice(d.start, d.end).slice(0, 50)}»`,
          )
        : []),
    ];
    if (lines.length > 0)
      console.log(`\n${o.message.quality} ${o.message.id}\n${lines.join("\n")}`);
  }
}
