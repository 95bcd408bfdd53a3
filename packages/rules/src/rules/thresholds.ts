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
