import { parseRuleSet } from "../config";
import { type CompiledRules, compileRules, type Thresholds } from "../rules/compile";
import { analyzeBlock, type BlockAnalysis, type BlockKind } from "./block";
import { assemble } from "./document";
import type { AnalysisResult, AnalyzeInput, AnalyzeOptions, MessageFields } from "./types";

interface PlacedBlock {
  text: string;
  start: number;
  kind: BlockKind;
}

const LIST_MARKER = /^(?:[-*•]|\d{1,3}[.)])\s+/;

/**
 * Plain text → blocks: paragraphs end at blank lines and after lines longer
 * than 90 characters; each bulleted or numbered line is a list item.
 */
export function blocksOfText(text: string): PlacedBlock[] {
  const blocks: PlacedBlock[] = [];
  let paragraphStart = -1;
  let paragraphEnd = -1;
  const flush = () => {
    if (paragraphStart >= 0)
      blocks.push({
        text: text.slice(paragraphStart, paragraphEnd),
        start: paragraphStart,
        kind: "paragraph",
      });
    paragraphStart = -1;
  };
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    if (line.trim() === "") flush();
    else if (LIST_MARKER.test(line.trimStart())) {
      flush();
      const lead = line.length - line.trimStart().length;
      const marker = LIST_MARKER.exec(line.trimStart())![0].length;
      blocks.push({
        text: line.slice(lead + marker),
        start: lineStart + lead + marker,
        kind: "listItem",
      });
    } else {
      if (paragraphStart < 0) paragraphStart = lineStart;
      paragraphEnd = lineEnd;
      // A long line is a paragraph of its own (one paragraph per line, as many
      // files are written); hard-wrapped prose keeps its lines under ~80.
      if (line.length > 90) flush();
    }
    lineStart = lineEnd + 1;
  }
  flush();
  return blocks;
}

function placeBlocks(input: AnalyzeInput): { blocks: PlacedBlock[]; fullText: string } {
  if (typeof input === "string") return { blocks: blocksOfText(input), fullText: input };
  let cursor = 0;
  const blocks = input.blocks.map((block) => {
    const start = block.start ?? cursor;
    cursor = start + block.text.length + 2;
    return { text: block.text, start, kind: block.kind ?? "paragraph" };
  });
  // The document's plain text: each block at its offset, line breaks between.
  let fullText = "";
  for (const [index, block] of blocks.entries()) {
    if (block.start < fullText.length || !Number.isInteger(block.start)) {
      throw new RangeError(
        `Block ${index} starts at ${block.start}, inside the block before it (which ends at ${fullText.length})`,
      );
    }
    fullText += "\n".repeat(block.start - fullText.length) + block.text;
  }
  return { blocks, fullText };
}

export interface Analyzer {
  /**
   * Scores the message. `fields` (subject, preheader) replace the analyzer's
   * own options for this call, a field left out keeping them: a keystroke in
   * the subject re-uses every block and re-runs only the document-level rules.
   */
  analyze(input: AnalyzeInput, fields?: MessageFields): AnalysisResult;
  /** Blocks kept from the last call (for tests and diagnostics). */
  readonly cachedBlocks: number;
  /** Blocks analysed since the analyzer was made, the rest re-used (tests count work, not time). */
  readonly analysedBlocks: number;
}

/** The options with this call's subject and preheader; neither reaches the block analyses. */
function withFields(options: AnalyzeOptions, fields: MessageFields | undefined): AnalyzeOptions {
  if (!fields) return options;
  const subject = fields.subject ?? options.subject;
  const preheader = fields.preheader ?? options.preheader;
  return {
    ...options,
    ...(subject !== undefined ? { subject } : {}),
    ...(preheader !== undefined ? { preheader } : {}),
  };
}

/** The default rule set, parsed and compiled once: `analyze()` without a rule set is the common call. */
let defaultRules: CompiledRules | undefined;

function prepare(options: AnalyzeOptions): { rules: CompiledRules; limits: Thresholds } {
  let rules: CompiledRules;
  if (options.ruleSet !== undefined) rules = compileRules(parseRuleSet(options.ruleSet));
  else {
    defaultRules ??= compileRules(parseRuleSet(undefined));
    rules = defaultRules;
  }
  const maxSmsSegments = options.brief?.maxSmsSegments;
  const limits = {
    ...rules.thresholds(options.channel ?? options.brief?.channel),
    // The brief's own SMS limit wins over the rule set's.
    ...(maxSmsSegments ? { maxSmsSegments } : {}),
  };
  return { rules, limits };
}

/**
 * An analyser for one set of options, for the editor: each call re-uses the
 * analysis of every block whose text and kind did not change, so a keystroke
 * re-analyses one paragraph plus the cheap document-level rules.
 */
export function createAnalyzer(options: AnalyzeOptions = {}): Analyzer {
  const { rules, limits } = prepare(options);
  // The last call's blocks in order. A keystroke leaves every other block
  // where it was (or shifted by the blocks it added or removed), so most are
  // found by comparing with the block at the same place; only the rest are
  // looked up by text and kind.
  let previous: BlockAnalysis[] = [];
  let analysedBlocks = 0;
  return {
    analyze(input, fields) {
      const { blocks, fullText } = placeBlocks(input);
      const used = new Uint8Array(previous.length);
      const shift = previous.length - blocks.length;
      const same = (block: PlacedBlock, at: number) => {
        const old = previous[at];
        if (old === undefined || used[at] || old.kind !== block.kind || old.text !== block.text)
          return null;
        used[at] = 1;
        return old;
      };
      const analysed: (BlockAnalysis | null)[] = blocks.map(
        (block, i) => same(block, i) ?? (shift !== 0 ? same(block, i + shift) : null),
      );
      // Keyed by the old blocks' own text strings, which keep the hash they got
      // on an earlier call: building this costs no pass over the document.
      let byText: Map<string, BlockAnalysis[]> | null = null;
      const remember = (analysis: BlockAnalysis) => {
        const list = byText!.get(analysis.text);
        if (list) list.push(analysis);
        else byText!.set(analysis.text, [analysis]);
      };
      for (const [i, block] of blocks.entries()) {
        if (analysed[i]) continue;
        if (!byText) {
          byText = new Map();
          for (const old of previous) remember(old);
        }
        let analysis = byText.get(block.text)?.find((a) => a.kind === block.kind);
        if (!analysis) {
          analysis = analyzeBlock(block.text, block.kind, rules, limits);
          analysedBlocks++;
          remember(analysis); // a block pasted twice is analysed once
        }
        analysed[i] = analysis;
      }
      previous = analysed as BlockAnalysis[];
      return assemble(
        previous,
        blocks.map((b) => b.start),
        fullText,
        withFields(options, fields),
        rules,
        limits,
      );
    },
    get cachedBlocks() {
      return previous.length;
    },
    get analysedBlocks() {
      return analysedBlocks;
    },
  };
}

/** Scores a message: pure and deterministic; the same input and options give the same result. */
export function analyze(input: AnalyzeInput, options: AnalyzeOptions = {}): AnalysisResult {
  // Through an analyzer of its own, so a paragraph repeated in the text is
  // analysed once (its blocks are looked up by their own text: no key copies).
  return createAnalyzer(options).analyze(input);
}
