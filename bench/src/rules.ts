// Issue 3's figures: analyze() against text-readability and a retext pipeline
// on the same texts in one run; linearity from 100 to 100,000 words; the
// incremental re-analysis after a one-word edit. Issue 15's: µs per byte on
// adversarial inputs beside plain prose, and the CLI on 10 MB.
// Parts: peers, linearity, incremental, adversarial, cli (all when none given).
// Prints tables; asserts nothing.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { analyze, createAnalyzer } from "@conductor/rules";
import { retext } from "retext";
import retextPassive from "retext-passive";
import retextReadability from "retext-readability";
import retextSimplify from "retext-simplify";
import readability from "text-readability";

const shared = resolve(
  import.meta.dirname,
  "..",
  "..",
  "..",
  "shared",
  "data",
  "readability",
  "onestopenglish",
  "Adv-Txt",
);

/** Real prose: the OneStopEnglish advanced texts, paragraphs kept. */
function corpus(): string {
  return readdirSync(shared)
    .sort()
    .map((file) => readFileSync(join(shared, file), "utf8").trim())
    .join("\n\n");
}

/** The first n words of the text, with its own spacing and paragraphs. */
function firstWords(text: string, n: number): string {
  const pattern = /\S+/g;
  let count = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    if (++count === n) return text.slice(0, m.index + m[0].length);
  }
  return text
    .repeat(Math.ceil(n / Math.max(1, count)) + 1)
    .split(/\s+/)
    .slice(0, n)
    .join(" ");
}

function medianMs(run: () => void, { minRuns = 15, seconds = 1.5 } = {}): number {
  // Warm-up, the same for every engine: JIT and per-word caches reach the
  // steady state of a long-lived editor or server.
  const warm = performance.now() + 500;
  do run();
  while (performance.now() < warm);
  const times: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  while (times.length < minRuns || performance.now() < deadline) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
    if (times.length > 5000) break;
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}

const textReadabilitySeven = (text: string) => {
  readability.fleschReadingEase(text);
  readability.fleschKincaidGrade(text);
  readability.gunningFog(text);
  readability.smogIndex(text);
  readability.colemanLiauIndex(text);
  readability.automatedReadabilityIndex(text);
  readability.daleChallReadabilityScore(text);
};

const retextPipeline = retext().use(retextReadability).use(retextPassive).use(retextSimplify);
const retextRun = (text: string) => retextPipeline.processSync(text);

/** `unit` repeated to `bytes` characters. */
const filled = (unit: string, bytes: number) =>
  unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);

/**
 * Inputs that made a pattern backtrack or a loop rescan (issue 15), at the
 * sizes the issue timed. Each must cost about what prose costs per byte.
 */
function adversarialFamilies(prose: string): { name: string; text: string }[] {
  return [
    { name: '"1" × 100,000 (amount pattern)', text: "1".repeat(100_000) },
    { name: '"a." × 50,000 beside a domain', text: `${"a.".repeat(50_000)}com` },
    { name: '"a." × 50,000 beside an "@"', text: `${"a.".repeat(50_000)}@` },
    { name: '"a/" × 50,000 (slashes)', text: "a/".repeat(50_000) },
    { name: '"by " × 100,000 (deadline leads)', text: "by ".repeat(100_000) },
    {
      name: "100,000 URLs",
      text: Array.from({ length: 100_000 }, (_, i) => `https://example.com/${i}`).join(" "),
    },
    {
      name: "one 4 MB paragraph with amounts",
      text: filled("You paid $177.17 on 3 May and 40p on 5/18/17, due by 9 June. ", 4_000_000),
    },
    {
      name: "30,000 digits in a paragraph of prose",
      text: `${firstWords(prose, 200)} ${"7".repeat(30_000)}.`,
    },
  ];
}

function adversarial(prose: string) {
  const plain = firstWords(prose, 100_000);
  const perByte = (text: string) => {
    const ms = medianMs(() => analyze(text), { minRuns: 3, seconds: 2 });
    return { ms, us: (ms * 1000) / text.length };
  };
  const base = perByte(plain);
  console.log("\nAdversarial inputs: analyze() µs per byte beside plain prose (goal: ≤ 3×)");
  console.log(
    "input                                          bytes    median ms   µs/byte   × prose",
  );
  const row = (name: string, bytes: number, r: { ms: number; us: number }) =>
    console.log(
      `${name.padEnd(44)} ${bytes.toLocaleString("en").padStart(10)} ${r.ms.toFixed(1).padStart(10)} ${r.us.toFixed(3).padStart(9)} ${(r.us / base.us).toFixed(2).padStart(8)}`,
    );
  row("plain prose (OneStopEnglish, 100,000 words)", plain.length, base);
  for (const family of adversarialFamilies(prose))
    row(family.name, family.text.length, perByte(family.text));
}

function cli(prose: string) {
  const bin = resolve(
    import.meta.dirname,
    "..",
    "..",
    "packages",
    "rules",
    "bin",
    "conductor-clarity.mjs",
  );
  const file = join(mkdtempSync(join(tmpdir(), "clarity-bench-")), "ten-mb.txt");
  writeFileSync(file, filled(`${prose}\n\n`, 10_000_000));
  console.log("\nCLI on 10 MB of prose (goal: under 10 s in either output), one run each");
  for (const args of [[file], [file, "--json"]]) {
    const t = performance.now();
    const result = spawnSync(process.execPath, [bin, ...args], {
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
    const seconds = (performance.now() - t) / 1000;
    console.log(
      `  ${args.includes("--json") ? "--json " : "human  "} ${seconds.toFixed(1).padStart(6)} s  exit ${result.status}  ${(result.stdout.length / 1e6).toFixed(1)} MB printed`,
    );
  }
}

export async function rulesBench(parts: string[]) {
  const text = corpus();
  const wanted = (part: string) => parts.length === 0 || parts.includes(part);
  if (wanted("peers")) peers(text);
  if (wanted("linearity")) linearity(text);
  if (wanted("incremental")) incremental(text);
  if (wanted("adversarial")) adversarial(text);
  if (wanted("cli")) cli(text);
}

function peers(text: string) {
  const message = firstWords(text, 1000);
  const bytes = Buffer.byteLength(message);

  const ours = medianMs(() => analyze(message));
  const peers = [
    { name: "Conductor analyze() — all rules, scores, findings", ms: ours },
    {
      name: "text-readability — its 7 formulas only",
      ms: medianMs(() => textReadabilitySeven(message)),
    },
    { name: "retext + readability + passive + simplify", ms: medianMs(() => retextRun(message)) },
  ];
  console.log(
    `\nOne 1,000-word message (${bytes.toLocaleString("en")} bytes of OneStopEnglish prose), median of repeated runs`,
  );
  console.log(
    "engine                                              median ms    MB/s   × slower than Conductor",
  );
  for (const p of peers) {
    console.log(
      `${p.name.padEnd(50)} ${p.ms.toFixed(3).padStart(10)} ${(bytes / 1e6 / (p.ms / 1000)).toFixed(2).padStart(7)} ${(p.ms / ours).toFixed(1).padStart(10)}`,
    );
  }
}

function linearity(text: string) {
  console.log("\nLinearity: analyze() from 100 to 100,000 words");
  console.log("   words   median ms   µs/word     MB/s");
  for (const n of [100, 1_000, 10_000, 100_000]) {
    const sample = firstWords(text.repeat(Math.ceil(100_000 / 60_000)), n);
    const ms = medianMs(() => analyze(sample), {
      minRuns: n >= 100_000 ? 5 : 15,
      seconds: n >= 100_000 ? 3 : 1.5,
    });
    console.log(
      `${String(n).padStart(8)} ${ms.toFixed(3).padStart(11)} ${((ms * 1000) / n).toFixed(3).padStart(9)} ${(Buffer.byteLength(sample) / 1e6 / (ms / 1000)).toFixed(2).padStart(8)}`,
    );
  }
}

function incremental(text: string) {
  const documentText = firstWords(text, 2000);
  const analyzer = createAnalyzer({ channel: "EMAIL" });
  analyzer.analyze(documentText);
  const wordAt = documentText.indexOf(" the ", documentText.length >> 1);
  let toggle = false;
  const edited = medianMs(() => {
    toggle = !toggle;
    analyzer.analyze(
      `${documentText.slice(0, wordAt)} ${toggle ? "a" : "the"} ${documentText.slice(wordAt + 5)}`,
    );
  });
  const full = medianMs(() => analyze(documentText, { channel: "EMAIL" }));
  // A keystroke in the subject: passed per call, so every paragraph is re-used.
  const subjectAnalyzer = createAnalyzer({ channel: "EMAIL" });
  subjectAnalyzer.analyze(documentText, { subject: "Your bill" });
  let typed = 0;
  const subject = medianMs(() => {
    typed = (typed + 1) % 40;
    subjectAnalyzer.analyze(documentText, { subject: `Your bill ${"x".repeat(typed)}` });
  });
  console.log(
    `\nIncremental: one-word edit in a 2,000-word document (${analyzer.cachedBlocks} paragraphs)`,
  );
  console.log(
    `  re-analysis ${edited.toFixed(3)} ms median; full analysis ${full.toFixed(3)} ms (${(full / edited).toFixed(1)}× more)`,
  );
  console.log(
    `  a keystroke in the subject: ${subject.toFixed(3)} ms median (${(full / subject).toFixed(1)}× less than full; blocks analysed once: ${subjectAnalyzer.analysedBlocks})`,
  );
}
