// The public contract of @conductor/rules. A leaf: it imports nothing, so
// implementation files depend on it and never the other way round.

export type Channel = "EMAIL" | "SMS" | "LETTER" | "EBILL" | "PUSH" | "IN_APP";
export type Dimension = "readability" | "plainLanguage" | "tone" | "channel" | "brief";
export type Severity = "error" | "warning" | "suggestion";
export type BlockKind = "paragraph" | "heading" | "listItem";
export type ToneClass = "black-box" | "transactional" | "heart-centred";

/** What the message must achieve (config.ts validates it; the two are checked equal at compile time). */
export interface Brief {
  desiredOutcome?: string;
  /** What the customer should do, if anything. */
  action?: string;
  tone?: ToneClass;
  readingGrade?: number;
  /** Targets on a 1–5 scale; the text's measured level may be one away. */
  toneLevels?: { warmth?: number; formality?: number; urgency?: number };
  /** A tighter (or looser) SMS limit than the rule set's, for this message. */
  maxSmsSegments?: number;
  mustSay?: string[];
  likelyQuestions?: string[];
  channel?: Channel;
}

export interface ReadabilityMetrics {
  fleschReadingEase: number;
  fleschKincaidGrade: number;
  gunningFog: number;
  smog: number;
  colemanLiau: number;
  automatedReadability: number;
  daleChall: number;
  /** Median of the grade-level formulas (length of words and sentences). */
  formulasGrade: number;
  /** How rare the rarest words of each sentence are, on the grade scale (see formulas.ts). */
  vocabularyGrade: number;
  /** The reading grade: the mean of the formulas' median and the vocabulary grade. */
  consensusGrade: number;
}

export interface SmsReport {
  encoding: "GSM-7" | "UCS-2";
  /** Septets for GSM-7 (extension characters count twice), UTF-16 units for UCS-2. */
  units: number;
  segments: number;
  /** Offsets of characters outside GSM-7, at most 20. */
  nonGsm: { start: number; end: number; character: string }[];
}

export interface FactCheck {
  fact: string;
  present: boolean;
  /** Where the fact was found, for "jump to". */
  at: { start: number; end: number } | null;
}

export interface QuestionCheck {
  question: string;
  answered: boolean;
  at: { start: number; end: number } | null;
}

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
  /**
   * The organisation's review gate (defaults to defaultThresholds.minimumScore):
   * a missing must-say fact caps the score below it, so the gate cannot pass it.
   */
  minimumScore?: number;
}

/**
 * The parts of a message outside its blocks, which an incremental analyzer
 * takes per call (Analyzer.analyze): typing in them re-uses every block.
 */
export interface MessageFields {
  subject?: string;
  preheader?: string;
}

export interface Finding {
  /**
   * Unique within one result and stable for the same text: rule, span and, for
   * findings sharing both (several missing must-say facts at the end), their order.
   * Always set by analyze(); optional in the type because analyses frozen
   * before engine r4 have none.
   */
  id?: string;
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

export interface ToneReport {
  classification: ToneClass;
  /** 0–100: the mean of the four T.A.R.A. scores. */
  score: number;
  you: number;
  we: number;
  evidence: { kind: string; start: number; end: number; text: string }[];
  /** Measured on 1–5 (see tone-levels.ts for what moves each). */
  levels: ToneLevels;
  /** The four scores the class and the tone score come from (tara.ts). */
  tara: TaraReport;
}

/** One T.A.R.A. score with the spans that moved it (an empty span for an absence). */
export interface TaraScore {
  score: number;
  evidence: { kind: string; effect: "+" | "-"; start: number; end: number; text: string }[];
}

/** Trust (honest, says why), Authenticity (a human voice), Reliability (what happens next), Access (how to reach a person). */
export interface TaraReport {
  trust: TaraScore;
  authenticity: TaraScore;
  reliability: TaraScore;
  access: TaraScore;
}

export interface ToneLevels {
  warmth: number;
  formality: number;
  urgency: number;
}

export type ToneDimension = keyof ToneLevels;

export interface CallDriver {
  /** Unique within one result, like Finding.id (absent before engine r4). */
  id?: string;
  question: string;
  because: string;
  fix: string;
  start: number;
  end: number;
}

export interface BriefReport {
  outcomeStated: boolean;
  callToAction: "present" | "missing" | "not-needed" | "no-action-stated" | "no-action-missing";
  /**
   * When the brief names an action: how many sentences ask for it, and whether
   * the text says how (a link, phone, address, "online", "call") and by when.
   */
  action: { sentences: number; how: boolean; byWhen: boolean } | null;
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
