import type { ToneLevels } from "./types";

/** What the tone levels are measured from, gathered while the document is assembled. */
export interface ToneLevelInputs {
  /** 0–100 tone score (appreciation, invitation, you-focus, next steps…). */
  toneScore: number;
  words: number;
  syllables: number;
  /** Contractions ("we'll", "don't"): conversational. */
  contractions: number;
  /** Legalese words and template phrases ("please be advised"): stiff. */
  stiffPhrases: number;
  exclamations: number;
  /** Deadlines and pressure ("pay by", "immediately", "final notice"). */
  urgentPhrases: number;
  /** Consequences of missing a date ("if you don't", "late fee"). */
  consequences: number;
}

const isWordCode = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** The ASCII letter at `i`, lower-cased, or 0. */
const letterAt = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return isAsciiLetter(c) ? c | 32 : 0;
};
/** True when `i` ends a word: the text ends or a character other than [A-Za-z0-9_] follows. */
const endsAt = (text: string, i: number) => i >= text.length || !isWordCode(text.charCodeAt(i));
const APOSTROPHE_S_WORDS = new Set(["it", "that", "here", "there", "what", "let", "who"]);

/**
 * Where the contraction whose apostrophe is at `p` (its letters starting at
 * `s`) ends, or -1: "…n't", "…'re", "…'ll", "…'ve", "…'m", "…'d", and "'s"
 * after it/that/here/there/what/let/who.
 */
function contractionEnd(text: string, s: number, p: number): number {
  const a = letterAt(text, p + 1);
  const b = letterAt(text, p + 2);
  if (a === 116 /* t */ && p - s >= 2 && letterAt(text, p - 1) === 110 /* n */)
    return endsAt(text, p + 2) ? p + 2 : -1;
  if (
    (a === 114 && b === 101) /* re */ ||
    (a === 108 && b === 108) /* ll */ ||
    (a === 118 && b === 101) /* ve */
  )
    return endsAt(text, p + 3) ? p + 3 : -1;
  if (a === 109 /* m */ || a === 100 /* d */) return endsAt(text, p + 2) ? p + 2 : -1;
  if (a === 115 /* s */ && APOSTROPHE_S_WORDS.has(text.slice(s, p).toLowerCase()))
    return endsAt(text, p + 2) ? p + 2 : -1;
  return -1;
}

/**
 * Contractions in a text (curly or straight apostrophes), counted as
 * `/\b[a-z]+(?:n['’]t|['’](?:re|ll|ve|m|d))\b|\b(?:it|that|here|there|what|let|who)['’]s\b/gi`
 * matches (the test holds it to that pattern), but from each apostrophe
 * rather than by trying the pattern at every letter.
 */
export function countContractions(text: string): number {
  let count = 0;
  let lastEnd = 0;
  let straight = text.indexOf("'");
  let curly = text.indexOf("’");
  while (straight !== -1 || curly !== -1) {
    let p: number;
    if (curly === -1 || (straight !== -1 && straight < curly)) {
      p = straight;
      straight = text.indexOf("'", p + 1);
    } else {
      p = curly;
      curly = text.indexOf("’", p + 1);
    }
    // The letters before the apostrophe must make a whole word from its start.
    let s = p;
    while (s > 0 && isAsciiLetter(text.charCodeAt(s - 1))) s--;
    if (s === p || s < lastEnd || (s > 0 && isWordCode(text.charCodeAt(s - 1)))) continue;
    const end = contractionEnd(text, s, p);
    if (end !== -1) {
      count++;
      lastEnd = end;
    }
  }
  return count;
}

/** Exclamation marks (a run like "!!!" counts once). */
export function countExclamations(text: string): number {
  let count = 0;
  for (let i = text.indexOf("!"); i !== -1; i = text.indexOf("!", i + 1))
    if (i === 0 || text.charCodeAt(i - 1) !== 0x21) count++;
  return count;
}

/** Tone scores at which warmth goes up a level (2, 3, 4, 5). */
const WARMTH_STEPS = [30, 55, 75, 90];

const clampLevel = (n: number) => Math.max(1, Math.min(5, Math.round(n)));

/**
 * Warmth, formality and urgency on 1–5, so a brief can ask for "warm,
 * informal, not pushy" and the check can say which way the text is off.
 * - Warmth follows the tone score, with steps set so the seeds' plain
 *   transactional message (score 60) sits in the middle and only a message
 *   with thanks, an open door and a next step reaches 5.
 * - Formality starts neutral (3): legalese, template phrases and long words
 *   raise it; contractions and exclamation marks lower it (per 100 words, so
 *   a long letter is not "more formal" for being long).
 * - Urgency counts deadlines, pressure and consequences, saturating at 5.
 */
export function measureToneLevels(input: ToneLevelInputs): ToneLevels {
  if (input.words < 3) return { warmth: 1, formality: 3, urgency: 1 };
  const per100 = (n: number) => (n * 100) / input.words;
  const syllablesPerWord = input.syllables / input.words;
  const contractions = per100(input.contractions);
  const stiff = per100(input.stiffPhrases);
  const formality =
    3 +
    (stiff >= 1 ? 1 : 0) +
    (stiff >= 3 ? 1 : 0) +
    (syllablesPerWord >= 1.7 ? 1 : 0) -
    (contractions >= 1 ? 1 : 0) -
    (contractions >= 4 ? 1 : 0) -
    (input.exclamations > 0 ? 1 : 0);
  const pressure = input.urgentPhrases + input.consequences + (input.exclamations >= 2 ? 1 : 0);
  return {
    warmth: 1 + WARMTH_STEPS.filter((step) => input.toneScore >= step).length,
    formality: clampLevel(formality),
    urgency: clampLevel(1 + pressure),
  };
}
