// The score: each dimension loses points for its findings, by severity and per 100 words; errors and missing must-say facts cap it.

import type { Dimension } from "../../rules/registry";
import { defaultDimensionWeights, defaultThresholds } from "../../rules/thresholds";
import type { AnalysisResult, BriefReport } from "../types";
import type { DocumentContext } from "./context";

const severityWeight = { error: 12, warning: 6, suggestion: 2 } as const;

/** The most a message with an error finding can score. */
const ERROR_CEILING = 79;

const round = (n: number, places = 1) =>
  Number.isNaN(n) ? n : Math.round(n * 10 ** places) / 10 ** places;
const clamp = (n: number) => Math.max(0, Math.min(100, n));

export function scoreDocument(
  c: DocumentContext,
  toneScore: number,
  briefReport: BriefReport | null,
): { score: number; dimensions: AnalysisResult["dimensions"] } {
  const { options, rules, findings, callDrivers, words, metrics, channel, targetGrade, nonEmpty } =
    c;
  // Score: each dimension loses points for its findings, by severity and per 100 words.
  const density = (dimension: Dimension) => {
    const total = findings
      .filter((f) => f.dimension === dimension)
      .reduce((sum, f) => sum + severityWeight[f.severity], 0);
    return (total * 100) / (words + 50);
  };
  const dimensionCount = (dimension: Dimension) =>
    findings.filter((f) => f.dimension === dimension).length;
  const dimensions: AnalysisResult["dimensions"] = {};
  if (!nonEmpty) {
    dimensions.readability = { score: 0, findings: dimensionCount("readability") };
    dimensions.plainLanguage = { score: 0, findings: dimensionCount("plainLanguage") };
  } else {
    const gradeGap = Math.max(0, metrics.consensusGrade - targetGrade);
    dimensions.readability = {
      score: round(clamp(100 - 8 * gradeGap - density("readability"))),
      findings: dimensionCount("readability"),
    };
    dimensions.plainLanguage = {
      score: round(clamp(100 - density("plainLanguage"))),
      findings: dimensionCount("plainLanguage"),
    };
  }
  dimensions.tone = {
    score: round(clamp(toneScore - density("tone") / 2)),
    findings: dimensionCount("tone"),
  };
  if (channel)
    dimensions.channel = {
      score: round(nonEmpty ? clamp(100 - 2 * density("channel")) : 0),
      findings: dimensionCount("channel"),
    };
  if (briefReport) {
    const checks = [
      briefReport.outcomeStated,
      briefReport.callToAction === "present" ||
        briefReport.callToAction === "no-action-stated" ||
        briefReport.callToAction === "not-needed",
      ...briefReport.mustSay.map((m) => m.present),
      ...briefReport.questions.map((q) => q.answered),
      ...(briefReport.toneOnTarget === null ? [] : [briefReport.toneOnTarget]),
      ...(briefReport.gradeOnTarget === null ? [] : [briefReport.gradeOnTarget]),
    ];
    const passed = checks.filter(Boolean).length / checks.length;
    dimensions.brief = {
      score: round(clamp(100 * passed - 5 * callDrivers.length)),
      findings: dimensionCount("brief"),
    };
  }
  let weighted = 0;
  let weights = 0;
  for (const [dimension, value] of Object.entries(dimensions) as [Dimension, { score: number }][]) {
    const weight = rules.ruleSet.weights?.[dimension] ?? defaultDimensionWeights[dimension];
    weighted += weight * value.score;
    weights += weight;
  }

  // An error is a failure a reader meets, not a blemish the other dimensions can
  // average away (thanks around "you failed to pay" must not score in the 80s);
  // a missing must-say fact fails the brief outright, below the review gate.
  let finalScore = weights ? weighted / weights : 0;
  if (findings.some((f) => f.severity === "error"))
    finalScore = Math.min(finalScore, ERROR_CEILING);
  if (findings.some((f) => f.ruleId === "brief.must-say-missing"))
    finalScore = Math.min(finalScore, (options.minimumScore ?? defaultThresholds.minimumScore) - 1);

  return { score: round(finalScore), dimensions };
}
