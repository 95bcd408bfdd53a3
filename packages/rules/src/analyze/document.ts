import type { CompiledRules, Thresholds } from "../rules/compile";
import { checkAcronyms } from "./assemble/acronyms";
import { checkBrief } from "./assemble/brief-check";
import { predictCalls } from "./assemble/call-drivers";
import { checkChannel } from "./assemble/channel";
import { documentContext } from "./assemble/context";
import { assignIds } from "./assemble/finding-ids";
import { checkReadability } from "./assemble/readability";
import { scoreDocument } from "./assemble/score";
import { assessTone } from "./assemble/tone";
import type { BlockAnalysis } from "./block";
import type { AnalysisResult, AnalyzeOptions } from "./types";

const round = (n: number, places = 1) =>
  Number.isNaN(n) ? n : Math.round(n * 10 ** places) / 10 ** places;

/**
 * Puts analysed blocks together into one result. Each concern is its own
 * module over one shared context, in the order their findings depend on:
 * tone reads the plain-language findings, the brief reads the tone, the call
 * drivers read the findings, the score reads everything.
 */
export function assemble(
  blocks: readonly BlockAnalysis[],
  starts: readonly number[],
  fullText: string,
  options: AnalyzeOptions,
  rules: CompiledRules,
  limits: Thresholds,
): AnalysisResult {
  const c = documentContext(blocks, starts, fullText, options, rules, limits);
  checkReadability(c);
  checkAcronyms(c);
  const { tone, toneScore } = assessTone(c);
  const sms = checkChannel(c);
  const briefReport = checkBrief(c, tone);
  predictCalls(c);
  c.findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  assignIds(c);
  const { score, dimensions } = scoreDocument(c, toneScore, briefReport);
  const { counts, words, metrics, findings, callDrivers } = c;
  return {
    score,
    dimensions,
    metrics: {
      sentences: counts.sentences,
      words,
      syllables: counts.syllables,
      characters: counts.characters,
      letters: counts.letters,
      complexWords: counts.complexWords,
      polysyllables: counts.polysyllables,
      unfamiliarWords: counts.unfamiliarWords,
      averageSentenceWords: counts.sentences ? round(words / counts.sentences, 2) : Number.NaN,
      longestSentenceWords: counts.longestSentence,
      fleschReadingEase: round(metrics.fleschReadingEase, 2),
      fleschKincaidGrade: round(metrics.fleschKincaidGrade, 2),
      gunningFog: round(metrics.gunningFog, 2),
      smog: round(metrics.smog, 2),
      colemanLiau: round(metrics.colemanLiau, 2),
      automatedReadability: round(metrics.automatedReadability, 2),
      daleChall: round(metrics.daleChall, 2),
      formulasGrade: round(metrics.formulasGrade, 1),
      vocabularyGrade: round(metrics.vocabularyGrade, 1),
      consensusGrade: round(metrics.consensusGrade, 1),
    },
    findings,
    tone,
    sms,
    brief: briefReport,
    callDrivers,
    rulesVersion: rules.fingerprint,
  };
}
