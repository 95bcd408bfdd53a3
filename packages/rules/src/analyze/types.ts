import type { Brief, Channel } from "../config";
import type { ReadabilityMetrics } from "../metrics/formulas";
import type { Dimension, Severity } from "../rules/registry";
import type { BlockKind } from "./block";
import type { FactCheck, QuestionCheck } from "./brief";
import type { SmsReport } from "./sms";

export interface InputBlock {
  text: string;
  /** Offset of the block in the document's plain text; defaults to blocks joined by blank lines. */
  start?: number;
  kind?: BlockKind;
}

export type AnalyzeInput = string | { blocks: InputBlock[] };

export interface AnalyzeOptions {
  channel?: Channel;
  /** Marketing messages need an opt-out on SMS. */
  purpose?: "service" | "marketing";
  subject?: string;
  preheader?: string;
  brief?: Brief;
  /** An organisation's rule set (validated; a bad field throws RuleSetError). */
  ruleSet?: unknown;
  /** The message must carry a link (e.g. an online action). */
  requireLink?: boolean;
}

export interface Finding {
  ruleId: string;
  dimension: Dimension;
  severity: Severity;
  message: string;
  /** Offsets into the input text (or into `field` when set). */
  start: number;
  end: number;
  actual: string;
  suggestions: string[];
  field?: "subject";
}

export type ToneClass = "black-box" | "transactional" | "heart-centred";

export interface ToneReport {
  classification: ToneClass;
  /** 0–100: appreciation, invitation, you-focus and next steps raise it; blame, templates, closed doors lower it. */
  score: number;
  you: number;
  we: number;
  evidence: { kind: string; start: number; end: number; text: string }[];
  /** Measured on 1–5 (see tone-levels.ts for what moves each). */
  levels: ToneLevels;
}

export interface ToneLevels {
  warmth: number;
  formality: number;
  urgency: number;
}

export type ToneDimension = keyof ToneLevels;

export interface CallDriver {
  question: string;
  because: string;
  fix: string;
  start: number;
  end: number;
}

export interface BriefReport {
  outcomeStated: boolean;
  callToAction: "present" | "missing" | "not-needed" | "no-action-stated" | "no-action-missing";
  mustSay: FactCheck[];
  questions: QuestionCheck[];
  toneOnTarget: boolean | null;
  /** Each tone level the brief sets, with the measured one; off when more than one apart. */
  toneLevels: { dimension: ToneDimension; target: number; actual: number; off: boolean }[];
  gradeOnTarget: boolean | null;
}

export interface DimensionScore {
  score: number;
  findings: number;
}

export interface AnalysisResult {
  score: number;
  dimensions: Partial<Record<Dimension, DimensionScore>>;
  metrics: {
    sentences: number;
    words: number;
    syllables: number;
    characters: number;
    letters: number;
    complexWords: number;
    polysyllables: number;
    unfamiliarWords: number;
    averageSentenceWords: number;
    longestSentenceWords: number;
  } & ReadabilityMetrics;
  findings: Finding[];
  tone: ToneReport;
  sms: SmsReport | null;
  brief: BriefReport | null;
  callDrivers: CallDriver[];
  rulesVersion: string;
}
