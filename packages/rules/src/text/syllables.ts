import { syllable } from "syllable";
import { isFamiliar } from "./lexicon";

// `syllable` (wooorm) agrees with the CMU dictionary on ~97% of words in
// running text but runs a few regular expressions per word; messages reuse a
// small vocabulary, so one bounded cache per distinct word makes repeats
// nearly free (syllables and Dale–Chall familiarity in one lookup).
export interface WordInfo {
  syllables: number;
  familiar: boolean;
}

const cache = new Map<string, WordInfo>();
const CACHE_LIMIT = 50_000;

/** Facts about one lower-case word, computed once per distinct word. */
export function wordInfo(lower: string): WordInfo {
  let info = cache.get(lower);
  if (info === undefined) {
    info = { syllables: Math.max(1, syllable(lower)), familiar: isFamiliar(lower) };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(lower, info);
  }
  return info;
}
