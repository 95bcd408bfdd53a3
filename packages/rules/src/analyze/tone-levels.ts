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

const CONTRACTION =
  /\b[a-z]+(?:n['’]t|['’](?:re|ll|ve|m|d))\b|\b(?:it|that|here|there|what|let|who)['’]s\b/gi;

/** Contractions in a text (curly or straight apostrophes). */
export function countContractions(text: string): number {
  return text.match(CONTRACTION)?.length ?? 0;
}

/** Exclamation marks (a run like "!!!" counts once). */
export function countExclamations(text: string): number {
  return text.match(/!+/g)?.length ?? 0;
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
