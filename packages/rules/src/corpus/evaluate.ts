import { analyze } from "../analyze/analyze";
import type { AnalysisResult, AnalyzeOptions, CallDriver, Finding } from "../analyze/types";
import type { CorpusMessage, Expectation } from "./corpus";

export interface RuleTally {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface MessageOutcome {
  message: CorpusMessage;
  findings: Finding[];
  callDrivers: CallDriver[];
  score: number;
  /** The editor's expectations the engine met. */
  met: Expectation[];
  /** The editor's expectations the engine missed. */
  missed: Expectation[];
  /** Findings no expectation of the same rule accounts for. */
  unexpected: Finding[];
}

export interface Evaluation {
  outcomes: MessageOutcome[];
  byRule: Map<string, RuleTally>;
}

export type Analyse = (text: string, options: AnalyzeOptions) => AnalysisResult;

export function optionsOf(message: CorpusMessage): AnalyzeOptions {
  return {
    channel: message.channel,
    ...(message.subject !== undefined ? { subject: message.subject } : {}),
    ...(message.purpose ? { purpose: message.purpose } : {}),
    ...(message.brief ? { brief: message.brief } : {}),
    ...(message.ruleSet ? { ruleSet: message.ruleSet } : {}),
  };
}

// A finding on the subject line, or one with no span in the body (a missing
// fact, a missing opt-out), cannot sit on a quote: the rule id is the match.
function touches(finding: Finding, expected: Expectation, text: string): boolean {
  if (expected.quote === undefined || finding.field !== undefined) return true;
  const start = text.indexOf(expected.quote);
  const end = start + expected.quote.length;
  if (finding.start === finding.end) return finding.start >= start && finding.start <= end;
  return finding.start < end && finding.end > start;
}

/** Compares one message's findings with its annotation. */
export function compare(
  message: CorpusMessage,
  result: Pick<AnalysisResult, "findings" | "callDrivers" | "score">,
): MessageOutcome {
  const met: Expectation[] = [];
  const missed: Expectation[] = [];
  for (const expected of message.expect) {
    const hit = result.findings.some(
      (f) => f.ruleId === expected.rule && touches(f, expected, message.text),
    );
    (hit ? met : missed).push(expected);
  }
  const unexpected = result.findings.filter(
    (f) => !message.expect.some((e) => e.rule === f.ruleId && touches(f, e, message.text)),
  );
  return {
    message,
    findings: result.findings,
    callDrivers: result.callDrivers,
    score: result.score,
    met,
    missed,
    unexpected,
  };
}

/**
 * Runs the engine on every message and counts, per rule: expectations met
 * (true positives), findings no expectation accounts for (false positives),
 * and expectations missed (false negatives).
 */
export function evaluate(messages: CorpusMessage[], run: Analyse = analyze): Evaluation {
  const byRule = new Map<string, RuleTally>();
  const tally = (rule: string) => {
    let t = byRule.get(rule);
    if (!t) {
      t = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
      byRule.set(rule, t);
    }
    return t;
  };
  const outcomes = messages.map((message) => {
    const outcome = compare(message, run(message.text, optionsOf(message)));
    for (const e of outcome.met) tally(e.rule).truePositives++;
    for (const e of outcome.missed) tally(e.rule).falseNegatives++;
    for (const f of outcome.unexpected) tally(f.ruleId).falsePositives++;
    return outcome;
  });
  return { outcomes, byRule };
}

/** Share of the rule's findings the editor expected; null when it raised none. */
export function precision(t: RuleTally): number | null {
  const raised = t.truePositives + t.falsePositives;
  return raised === 0 ? null : t.truePositives / raised;
}

/** Share of the editor's expectations the rule met; null when none were expected. */
export function recall(t: RuleTally): number | null {
  const expected = t.truePositives + t.falseNegatives;
  return expected === 0 ? null : t.truePositives / expected;
}

export interface GoodSetLoad {
  messages: number;
  /** Warnings and errors raised on well-written messages. */
  warningsAndErrors: number;
  callDrivers: number;
}

export function goodSetLoad(outcomes: MessageOutcome[]): GoodSetLoad {
  const good = outcomes.filter((o) => o.message.quality === "good");
  return {
    messages: good.length,
    warningsAndErrors: good.reduce(
      (n, o) => n + o.findings.filter((f) => f.severity !== "suggestion").length,
      0,
    ),
    callDrivers: good.reduce((n, o) => n + o.callDrivers.length, 0),
  };
}
