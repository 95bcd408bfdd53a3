import { daleChall } from "dale-chall";
import frequency from "../../data/vendor/word-frequency.json" with { type: "json" };
import { BARE_CONTRACTIONS } from "../data/word-classes";

/** The New Dale–Chall (1995) familiar words, for Dale–Chall and for "difficult word" counts. */
export const familiarWords: ReadonlySet<string> = new Set(daleChall);

/** A word is familiar if it, or its obvious base form, is on the list. */
export function isFamiliar(lower: string): boolean {
  if (familiarWords.has(lower)) return true;
  const base = lower.replace(/[’']s$/, "");
  if (base !== lower && familiarWords.has(base)) return true;
  if (lower.endsWith("s") && familiarWords.has(lower.slice(0, -1))) return true;
  if (lower.endsWith("es") && familiarWords.has(lower.slice(0, -2))) return true;
  if (
    lower.endsWith("ed") &&
    (familiarWords.has(lower.slice(0, -2)) || familiarWords.has(lower.slice(0, -1)))
  )
    return true;
  if (
    lower.endsWith("ing") &&
    (familiarWords.has(lower.slice(0, -3)) || familiarWords.has(`${lower.slice(0, -3)}e`))
  )
    return true;
  return false;
}

/** The Zipf value given to every word outside the list: rarer than any in it. */
export const zipfFloor: number = frequency.floor;

/** Zipf frequency (log10 per billion words, SUBTLEX-US) of the 20,000 commonest words. */
const zipfByWord = new Map<string, number>();
for (const [zipf, words] of frequency.bands as [number, string][])
  for (const word of words.split(" ")) zipfByWord.set(word, zipf);

/**
 * How common a word is in everyday English, on the Zipf scale (7 "the", 4
 * "salary", 3 "remuneration"), or null for what is not a plain word: numbers,
 * codes, contractions (with or without the apostrophe). A hyphenated word is as rare as its rarest part.
 */
export function zipfOf(lower: string): number | null {
  if (lower.includes("-")) {
    let rarest: number | null = null;
    for (const part of lower.split("-")) {
      if (part === "") continue;
      const z = zipfOf(part);
      if (z === null) return null;
      rarest = rarest === null ? z : Math.min(rarest, z);
    }
    return rarest;
  }
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c < 97 || c > 122) return null;
  }
  if (lower.length === 0) return null;
  // "dont" is "don't", which is no plain word to rate either (subtitles list it).
  if (BARE_CONTRACTIONS.has(lower)) return null;
  const z = zipfByWord.get(lower);
  if (z !== undefined) return z;
  // A regular inflection of a listed word is about as familiar ("texts", "renewed").
  for (const [ending, base] of INFLECTIONS) {
    if (lower.length > ending.length + 2 && lower.endsWith(ending)) {
      const b = zipfByWord.get(lower.slice(0, -ending.length) + base);
      if (b !== undefined) return b;
    }
  }
  return frequency.floor;
}

const INFLECTIONS: [string, string][] = [
  ["s", ""],
  ["es", ""],
  ["ies", "y"],
  ["ed", ""],
  ["ed", "e"],
  ["ing", ""],
  ["ing", "e"],
  ["ly", ""],
];
