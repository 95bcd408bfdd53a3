import { zipfFloor } from "../text/lexicon";
import type { Segmented } from "../text/segment";
import type { WordInfo } from "../text/word-info";

/** The counts every readability formula is built from. */
export interface Counts {
  sentences: number;
  words: number;
  syllables: number;
  letters: number;
  /** Characters that are not white space. */
  characters: number;
  /** Words of three or more syllables (SMOG). */
  polysyllables: number;
  /** Three or more syllables and not on the familiar list (Gunning Fog's complex words). */
  complexWords: number;
  /** Not on the Dale–Chall familiar list (numbers excluded). */
  unfamiliarWords: number;
  /** Words in the longest sentence. */
  longestSentence: number;
  /**
   * The vocabulary grade's inputs: over sentences with a plain word, the sum of
   * each sentence's mean Zipf frequency of its three rarest words, and their count.
   */
  rareWordZipf: number;
  ratedSentences: number;
  /** Greetings ("Dear Mrs Brennan,"): counted as sentences, but not read as one (see readability). */
  greetings: number;
}

const isCapital = (code: number) => code >= 65 && code <= 90;
const isLetter = (code: number) => (code | 0x20) >= 97 && (code | 0x20) <= 122;
/** The Zipf value of every word the frequency list does not hold. */
const rarest = zipfFloor;

export const emptyCounts = (): Counts => ({
  sentences: 0,
  words: 0,
  syllables: 0,
  letters: 0,
  characters: 0,
  polysyllables: 0,
  complexWords: 0,
  unfamiliarWords: 0,
  longestSentence: 0,
  rareWordZipf: 0,
  ratedSentences: 0,
  greetings: 0,
});

const GREETING_WORDS = new Set(["dear", "hi", "hello", "hey"]);
/**
 * "Dear Valued Customer,", "Hi Jordan,": a short line that opens with a
 * greeting and ends with a comma. It is the letter's address, not a sentence
 * the reader has to parse, and counting it as one makes every letter look a
 * little easier than its prose (textstat reads it as part of the first sentence).
 */
export function isGreeting(text: string, segmented: Segmented, from: number, to: number): boolean {
  if (to <= from || to - from > 6 || !GREETING_WORDS.has(segmented.words[from]!.lower))
    return false;
  let end = segmented.words[to - 1]!.end;
  while (end < text.length && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9)) end++;
  return text.charCodeAt(end) === 0x2c /* , */;
}

export function countBlock(
  text: string,
  segmented: Segmented,
  syllables: Uint8Array,
  infos: readonly WordInfo[],
): Counts {
  const counts = emptyCounts();
  counts.sentences = segmented.sentences.length;
  counts.words = segmented.words.length;
  for (let i = 0; i < segmented.words.length; i++) {
    const word = segmented.words[i]!;
    const s = syllables[i]!;
    counts.syllables += s;
    if (word.numeric) {
      for (let c = word.start; c < word.end; c++)
        if (text.charCodeAt(c) >= 48 && text.charCodeAt(c) <= 57) counts.letters++;
      continue;
    }
    counts.letters += word.letters;
    const familiar = infos[i]!.familiar;
    if (s >= 3) {
      counts.polysyllables++;
      if (!familiar) counts.complexWords++;
    }
    if (!familiar) counts.unfamiliarWords++;
  }
  for (const sentence of segmented.sentences) {
    counts.longestSentence = Math.max(counts.longestSentence, sentence.to - sentence.from);
    if (sentence.to > sentence.from && isGreeting(text, segmented, sentence.from, sentence.to)) {
      // Its words ("Dear", a name, "Customer") say nothing about the prose either.
      counts.greetings++;
      continue;
    }
    // The three rarest plain words, kept in order as they come (a, b, c: a rarest).
    // Capitalised words after the first are names, and so is a first word the
    // list does not hold ("Parcelwise: …"): their rarity says nothing about
    // how hard the sentence is.
    let a = Infinity;
    let b = Infinity;
    let c = Infinity;
    let rated = 0;
    for (let i = sentence.from; i < sentence.to; i++) {
      const z = infos[i]!.zipf;
      if (z === null) continue;
      // Pieces of a link or address ("kestrel.example/offer") are not words to read.
      const word = segmented.words[i]!;
      const before = text.charCodeAt(word.start - 1);
      const after = text.charCodeAt(word.end);
      if (
        before === 0x2e ||
        before === 0x2f ||
        before === 0x40 ||
        after === 0x2f ||
        after === 0x40 ||
        (after === 0x2e && isLetter(text.charCodeAt(word.end + 1)))
      )
        continue;
      if (isCapital(text.charCodeAt(word.start)) && (i > sentence.from || z === rarest)) continue;
      rated++;
      if (z < a) {
        c = b;
        b = a;
        a = z;
      } else if (z < b) {
        c = b;
        b = z;
      } else if (z < c) c = z;
    }
    if (rated > 0) {
      const n = Math.min(3, rated);
      counts.rareWordZipf += (a + (n > 1 ? b : 0) + (n > 2 ? c : 0)) / n;
      counts.ratedSentences++;
    }
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!(c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0)) counts.characters++;
  }
  return counts;
}

export function addCounts(into: Counts, from: Counts): Counts {
  into.sentences += from.sentences;
  into.words += from.words;
  into.syllables += from.syllables;
  into.letters += from.letters;
  into.characters += from.characters;
  into.polysyllables += from.polysyllables;
  into.complexWords += from.complexWords;
  into.unfamiliarWords += from.unfamiliarWords;
  into.longestSentence = Math.max(into.longestSentence, from.longestSentence);
  into.rareWordZipf += from.rareWordZipf;
  into.ratedSentences += from.ratedSentences;
  into.greetings += from.greetings;
  return into;
}

/**
 * Syllables per word of a block, computed once and reused by counts and rules;
 * written into `into` (at least as long as the words) when one is given.
 */
export function syllablesFor(
  segmented: Segmented,
  infos: readonly WordInfo[],
  into?: Uint8Array,
): Uint8Array {
  const result = into ?? new Uint8Array(segmented.words.length);
  for (let i = 0; i < segmented.words.length; i++) {
    const word = segmented.words[i]!;
    result[i] = word.numeric ? 1 : Math.min(255, infos[i]!.syllables);
  }
  return result;
}
