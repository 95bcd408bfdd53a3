import { syllable } from "syllable";

// `syllable` (wooorm) agrees with the CMU dictionary on ~97% of words in
// running text but runs a few regular expressions per word; messages reuse a
// small vocabulary, so a bounded cache makes repeat words nearly free.
const cache = new Map<string, number>();
const CACHE_LIMIT = 50_000;

/** Syllables in one lower-case word (numbers count as written digits do: 1 per digit group). */
export function syllablesOf(lower: string): number {
  const hit = cache.get(lower);
  if (hit !== undefined) return hit;
  const count = Math.max(1, syllable(lower));
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(lower, count);
  return count;
}
