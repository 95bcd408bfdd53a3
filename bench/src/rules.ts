// Issue 3's figures: analyze() against text-readability and a retext pipeline
// on the same texts in one run; linearity from 100 to 100,000 words; the
// incremental re-analysis after a one-word edit. Prints tables; asserts nothing.
import { readdirSync, readFileSync } from "node:fs";
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

export async function rulesBench(_parts: string[]) {
  const text = corpus();
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

  const documentText = firstWords(text, 2000);
  const analyzer = createAnalyzer({ channel: "EMAIL" });
  analyzer.analyze(documentText);
  const wordAt = documentText.indexOf(" the ", documentText.length >> 1);
  let toggle = false;
  const incremental = medianMs(() => {
    toggle = !toggle;
    analyzer.analyze(
      `${documentText.slice(0, wordAt)} ${toggle ? "a" : "the"} ${documentText.slice(wordAt + 5)}`,
    );
  });
  const full = medianMs(() => analyze(documentText, { channel: "EMAIL" }));
  console.log(
    `\nIncremental: one-word edit in a 2,000-word document (${analyzer.cachedBlocks} paragraphs)`,
  );
  console.log(
    `  re-analysis ${incremental.toFixed(3)} ms median; full analysis ${full.toFixed(3)} ms (${(full / incremental).toFixed(1)}× more)`,
  );
}
