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
}

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
});

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
  return into;
}

/** Syllables per word of a block, computed once and reused by counts and rules. */
export function syllablesFor(segmented: Segmented, infos: readonly WordInfo[]): Uint8Array {
  const result = new Uint8Array(segmented.words.length);
  for (let i = 0; i < segmented.words.length; i++) {
    const word = segmented.words[i]!;
    result[i] = word.numeric ? 1 : Math.min(255, infos[i]!.syllables);
  }
  return result;
}
