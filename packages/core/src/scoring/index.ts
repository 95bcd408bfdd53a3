// One scoring path. The live panel, submission and anything else that scores
// a message build the rules' options here and read the message's blocks from
// its editor document the same way, so a heading is a heading in the frozen
// analysis as it was on screen (the text alone would be split by guesswork).
// Browser-safe: the editor schema and the rules only.
import { acceptedDocument, type Channel, messageSchema, toPlainText } from "@conductor/editor";
import {
  type AnalysisResult,
  type AnalyzeOptions,
  analyze,
  type MessageFields,
  type RuleSet,
} from "@conductor/rules";
import { type BriefContent, rulesBriefOf } from "../schemas/briefs";

export {
  applyRuleSetChange,
  canonicalRuleSet,
  type EffectiveRuleSet,
  effectiveRuleSet,
  type RuleSetChange,
  type RuleSetFieldChange,
  ruleSetChanges,
  rulesVersionOf,
} from "./rule-set";

export interface ScoringContext {
  channel: Channel;
  subject: string;
  preheader: string;
  brief: BriefContent | null;
  /** The brief's persona's reading grade, when it has one. */
  personaGrade: number | null;
  /** The organisation's review gate: a missing must-say fact caps the score below it. */
  minimumScore: number;
  /**
   * The organisation's rule set in force (core's ruleSetInForce, or the API's
   * ruleSets.current in the browser); null while it has adopted none. Required,
   * so no scorer can forget it and score with the defaults behind an admin's back.
   */
  ruleSet: RuleSet | null;
}

/**
 * What the live panel builds its incremental analyzer with: everything but the
 * subject and preheader, which change with each keystroke in them and are
 * given per call (messageFields), so typing there keeps the block cache.
 */
export function analyzerOptions(
  context: Omit<ScoringContext, "subject" | "preheader">,
): AnalyzeOptions {
  return {
    channel: context.channel,
    ...(context.brief ? { brief: rulesBriefOf(context.brief, context.personaGrade) } : {}),
    minimumScore: context.minimumScore,
    ...(context.ruleSet ? { ruleSet: context.ruleSet } : {}),
  };
}

/** The subject and preheader the rules read: email alone has them. */
export function messageFields(
  context: Pick<ScoringContext, "channel" | "subject" | "preheader">,
): MessageFields {
  return context.channel === "EMAIL"
    ? { subject: context.subject, preheader: context.preheader }
    : {};
}

/** The rules' options for a message in its context: the analyzer's and the message's fields. */
export function scoringOptions(context: ScoringContext): AnalyzeOptions {
  return { ...analyzerOptions(context), ...messageFields(context) };
}

/**
 * The blocks the rules score, from stored editor JSON, as the editor gives
 * them live: the text as it stands, pending suggestions not yet in it.
 */
export function blocksOfDocument(json: unknown, channel: Channel) {
  const doc = acceptedDocument(messageSchema(channel).nodeFromJSON(json));
  return toPlainText(doc, { mergeFields: "sample" }).blocks;
}

/** Scores a stored document exactly as the live panel scores the same document. */
export function scoreDocument(json: unknown, context: ScoringContext): AnalysisResult {
  return analyze({ blocks: blocksOfDocument(json, context.channel) }, scoringOptions(context));
}
