import type { Dimension } from "../analyze/types";
import type { Channel } from "../config";

/** Longest sentence, in words, before long-sentence fires, by channel: short screens want short sentences. */
export const sentenceWordsByChannel: Readonly<Record<Channel, number>> = {
  SMS: 20,
  PUSH: 15,
  IN_APP: 15,
  EMAIL: 25,
  LETTER: 25,
  EBILL: 25,
};

/**
 * What the rules use when neither the organisation's rule set nor the brief says otherwise.
 * Exported so forms and panels show the same numbers the engine applies.
 */
export const defaultThresholds = {
  /** Reading grade a message should not exceed. */
  targetGrade: 8,
  /** Longest sentence with no channel known (see sentenceWordsByChannel). */
  maxSentenceWords: 25,
  maxParagraphSentences: 5,
  maxParagraphWords: 100,
  maxSmsSegments: 2,
  maxSubjectCharacters: 60,
  /** The review gate an organisation starts with (its setting overrides it). */
  minimumScore: 60,
} as const;

/**
 * How much each dimension counts in the overall score (an organisation's rule
 * set may override them; they are normalised over the dimensions present).
 * Readability leads: on OneStopEnglish's 567 level pairs it alone orders 97.9%
 * of them, where tone, measured on news articles, rises with length and orders
 * under 40%; with 0.3/0.3/0.2 the overall score ordered 95.6%, with these 97.4%.
 * Channel and brief checks are pass/fail lists and count least.
 */
export const defaultDimensionWeights: Readonly<Record<Dimension, number>> = {
  readability: 0.4,
  plainLanguage: 0.3,
  tone: 0.15,
  channel: 0.075,
  brief: 0.075,
};
