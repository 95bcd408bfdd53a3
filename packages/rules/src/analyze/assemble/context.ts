// What every document-level concern reads: the blocks put together (findings
// with document offsets, sentences, signals, counts), the parsed brief and the
// channel, and a few facts several concerns share. Each concern is a module
// over this context (readability, acronyms, tone, channel, brief, call
// drivers, score), as retext keeps one concern per plugin.
import type { z } from "zod";
import { briefSchema, type Channel } from "../../config";
import { addCounts, type Counts, emptyCounts } from "../../metrics/counts";
import { type ReadabilityMetrics, readability } from "../../metrics/formulas";
import type { CompiledRules, Thresholds } from "../../rules/compile";
import { rulesById } from "../../rules/registry";
import type { BlockAnalysis, SentenceFacts } from "../block";
import type { AnalyzeOptions, CallDriver, Finding } from "../types";

export interface DocumentSignal {
  kind: string;
  start: number;
  end: number;
  /** Index into the document's sentences. */
  sentence: number;
}

export interface DocumentContext {
  blocks: readonly BlockAnalysis[];
  starts: readonly number[];
  fullText: string;
  options: AnalyzeOptions;
  rules: CompiledRules;
  limits: Thresholds;
  /** Findings so far, in document offsets; `push` adds one if its rule is enabled. */
  findings: Finding[];
  push: (
    ruleId: string,
    start: number,
    end: number,
    message: string,
    suggestions?: string[],
    field?: "subject",
  ) => void;
  callDrivers: CallDriver[];
  counts: Counts;
  words: number;
  metrics: ReadabilityMetrics;
  sentences: SentenceFacts[];
  signals: DocumentSignal[];
  has: (kind: string) => boolean;
  reasonIn: Uint8Array;
  reasonNear: (sentence: number, before: number, after: number) => boolean;
  you: number;
  we: number;
  contractions: number;
  exclamations: number;
  brief: z.output<typeof briefSchema> | null;
  channel: Channel | undefined;
  targetGrade: number;
  /** At least three words: shorter texts get no tone or call findings. */
  nonEmpty: boolean;
  firstSentence: { start: number; end: number };
  anyLink: boolean;
  invitation: boolean;
  invitationNeeded: boolean;
  thanksExpected: boolean;
  saysWhatNext: boolean;
}

export function documentContext(
  blocks: readonly BlockAnalysis[],
  starts: readonly number[],
  fullText: string,
  options: AnalyzeOptions,
  rules: CompiledRules,
  limits: Thresholds,
): DocumentContext {
  const findings: Finding[] = [];
  const push = (
    ruleId: string,
    start: number,
    end: number,
    message: string,
    suggestions: string[] = [],
    field?: "subject",
  ) => {
    if (!rules.enabled(ruleId)) return;
    const rule = rulesById.get(ruleId)!;
    const source = field === "subject" ? (options.subject ?? "") : fullText;
    findings.push({
      id: "",
      ruleId,
      dimension: rule.dimension,
      severity: rules.severity(ruleId),
      message,
      start,
      end,
      actual: source.slice(start, end),
      suggestions,
      ...(field ? { field } : {}),
    });
  };

  const counts = emptyCounts();
  const sentences: SentenceFacts[] = [];
  const signals: DocumentSignal[] = [];
  let you = 0;
  let we = 0;
  let contractions = 0;
  let exclamations = 0;
  blocks.forEach((block, b) => {
    const offset = starts[b]!;
    addCounts(counts, block.counts);
    for (const f of block.findings)
      push(f.ruleId, offset + f.start, offset + f.end, f.message, f.suggestions);
    for (const s of block.signals)
      signals.push({
        kind: s.kind,
        start: offset + s.start,
        end: offset + s.end,
        sentence: sentences.length + s.sentence,
      });
    for (const facts of block.sentenceFacts) {
      sentences.push({ ...facts, start: offset + facts.start, end: offset + facts.end });
    }
    you += block.you;
    we += block.we;
    contractions += block.contractions;
    exclamations += block.exclamations;
  });
  const kinds = new Set(signals.map((s) => s.kind));
  const has = (kind: string) => kinds.has(kind);
  // Sentences that give a reason, indexed, so per-sentence checks stay linear.
  const reasonIn = new Uint8Array(sentences.length + 2);
  for (const s of signals) if (s.kind === "reason") reasonIn[s.sentence] = 1;
  const reasonNear = (sentence: number, before: number, after: number) => {
    for (let i = Math.max(0, sentence - before); i <= sentence + after; i++)
      if (reasonIn[i]) return true;
    return false;
  };
  const words = counts.words;
  const metrics = readability(counts);
  const brief = options.brief ? briefSchema.parse(options.brief) : null;

  const saysWhatNext =
    has("nextStep") || has("noAction") || sentences.some((s) => s.futureWithTime);
  const firstSentence = sentences[0]
    ? { start: sentences[0].start, end: sentences[0].end }
    : { start: 0, end: 0 };
  const nonEmpty = words >= 3;
  const anyLink = blocks.some((b) => b.links.length > 0);
  // "Do not hesitate to contact us" with no number is a template, not an open
  // door: an invitation in the same sentence as a template phrase does not count.
  // Nor is "reply to this" inside "Do not reply to this email".
  const closedSentences = new Set<number>();
  for (const ruleId of ["tone.robotic", "tone.no-reply"]) {
    // Findings come in text order, as sentences do: one cursor.
    const closing = findings.filter((f) => f.ruleId === ruleId);
    let r = 0;
    sentences.forEach((sentence, index) => {
      while (r < closing.length && closing[r]!.start < sentence.start) r++;
      if (r < closing.length && closing[r]!.start < sentence.end) closedSentences.add(index);
    });
  }
  const channelForTone: Channel | undefined = options.channel ?? options.brief?.channel;
  const contact = blocks.some((b) => b.links.some((l) => l.kind === "phone" || l.kind === "email"));
  // A letter cannot be answered by replying: "contact us" with no number,
  // address or link leaves the reader searching for one.
  const means = contact || anyLink || channelForTone !== "LETTER";
  const invitation =
    (means && signals.some((s) => s.kind === "invitation" && !closedSentences.has(s.sentence))) ||
    contact;
  // A security code, or a text the customer can act on by link or keyword
  // ("Reply STOP"), needs no invitation to talk; a debt letter or a fee rise does.
  // "Your account may have been compromised" needs a person to call all the same.
  const invitationNeeded =
    (!has("security") || has("alarm")) &&
    !(channelForTone === "SMS" && (anyLink || blocks.some((b) => b.replyKeyword)));
  // Thanks belong where a person would say them: for a payment, a renewal, a claim,
  // a reading or a letter — not on an outage, a debt, a security code or our mistake.
  const thanksExpected = has("customerAct") && !has("security");
  return {
    blocks,
    starts,
    fullText,
    options,
    rules,
    limits,
    findings,
    push,
    callDrivers: [],
    counts,
    words,
    metrics,
    sentences,
    signals,
    has,
    reasonIn,
    reasonNear,
    you,
    we,
    contractions,
    exclamations,
    brief,
    channel: options.channel ?? brief?.channel,
    targetGrade: brief?.readingGrade ?? limits.targetGrade,
    nonEmpty,
    firstSentence,
    anyLink,
    invitation,
    invitationNeeded,
    thanksExpected,
    saysWhatNext,
  };
}
