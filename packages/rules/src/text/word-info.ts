import { syllable } from "syllable";
import {
  BARE_CONTRACTIONS,
  BE,
  CHARGE,
  CTA_VERBS,
  DEADLINE_LEADS,
  FUTURE,
  GET,
  MONEY,
  NEGATIONS,
  NEGATIVE_WORDS,
  ONLINE,
  SETTLED,
  TIME_WORDS,
  WE,
  YOU,
} from "../data/word-classes";
import { isFamiliar, zipfOf } from "./lexicon";

/** Word classes as bits: rules test `info.flags & W.be` instead of looking words up in sets. */
export const W = {
  be: 1 << 0,
  get: 1 << 1,
  negation: 1 << 2,
  negative: 1 << 3,
  you: 1 << 4,
  we: 1 << 5,
  cta: 1 << 6,
  money: 1 << 7,
  charge: 1 << 8,
  deadlineLead: 1 << 9,
  online: 1 << 10,
  future: 1 << 11,
  settled: 1 << 12,
  time: 1 << 13,
  /** A contraction typed without its apostrophe ("dont", "thats"). */
  bareContraction: 1 << 14,
} as const;

const classes: [Set<string>, number][] = [
  [BE, W.be],
  [GET, W.get],
  [NEGATIONS, W.negation],
  [NEGATIVE_WORDS, W.negative],
  [YOU, W.you],
  [WE, W.we],
  [CTA_VERBS, W.cta],
  [MONEY, W.money],
  [CHARGE, W.charge],
  [DEADLINE_LEADS, W.deadlineLead],
  [ONLINE, W.online],
  [FUTURE, W.future],
  [SETTLED, W.settled],
  [TIME_WORDS, W.time],
  [BARE_CONTRACTIONS, W.bareContraction],
];

export interface WordInfo {
  syllables: number;
  /** On the New Dale–Chall familiar list (or a regular inflection of a word on it). */
  familiar: boolean;
  flags: number;
  /** How common the word is (Zipf scale), or null for numbers, codes and contractions. */
  zipf: number | null;
  /**
   * Where this word leads in the phrase trie that last looked it up, so the
   * trie's first step for a known word is a field read (see PhraseTrie.matchAt).
   */
  trieOwner: object | null;
  trieNode: unknown;
}

// `syllable` (wooorm) agrees with the CMU dictionary on ~97% of words in
// running text but runs a few regular expressions per word; messages reuse a
// small vocabulary, so one bounded cache per distinct word makes repeats
// nearly free: syllables, familiarity and word classes in one lookup.
const cache = new Map<string, WordInfo>();
const CACHE_LIMIT = 50_000;

/** Vowel groups: a syllable estimate that is linear in the length of the word. */
function vowelGroups(lower: string): number {
  let groups = 0;
  let inVowel = false;
  for (let i = 0; i < lower.length; i++) {
    const vowel = "aeiouy".includes(lower[i]!);
    if (vowel && !inVowel) groups++;
    inVowel = vowel;
  }
  return Math.max(1, groups);
}

/** No English word is this long: pasted codes, digit strings, keyboard runs. */
const LONGEST_WORD = 45;

/** Facts about one lower-case word, computed once per distinct word. */
export function wordInfo(lower: string): WordInfo {
  // Not run through `syllable`'s patterns nor cached: their cost and the
  // cache's memory would grow with the paste.
  if (lower.length > LONGEST_WORD)
    return {
      syllables: vowelGroups(lower),
      familiar: false,
      flags: 0,
      zipf: null,
      trieOwner: null,
      trieNode: undefined,
    };
  let info = cache.get(lower);
  if (info === undefined) {
    let flags = 0;
    for (const [set, bit] of classes) if (set.has(lower)) flags |= bit;
    info = {
      syllables: Math.max(1, syllable(lower)),
      familiar: isFamiliar(lower),
      flags,
      zipf: zipfOf(lower),
      trieOwner: null,
      trieNode: undefined,
    };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(lower, info);
  }
  return info;
}
