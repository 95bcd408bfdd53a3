import {
  acceptedPlainText,
  decidedDocument,
  type pendingSuggestions,
  type SuggestionFilter,
} from "@conductor/editor";
import type { AnalysisResult, Analyzer, Finding, MessageFields } from "@conductor/rules";

type ProseMirrorNode = Parameters<typeof pendingSuggestions>[0];

/** What accepting some suggestions would do to the clarity score and findings. */
export interface AcceptingImpact {
  scoreBefore: number;
  scoreAfter: number;
  /** Findings of the text as it stands that accepting removes. */
  fixes: number;
  /** Findings accepting would bring in. */
  adds: number;
}

// Counted per rule (and field), not finding by finding: a rule that flags a
// whole sentence names new words once a suggestion changes that sentence,
// which is the same problem, not one fixed and one new.
const ruleOf = (f: Finding) => `${f.ruleId}\u0000${f.field ?? ""}`;

/** How many findings fewer (fixes) and more (adds) `after` has than `before`, rule by rule. */
export function findingChange(before: readonly Finding[], after: readonly Finding[]) {
  const difference = new Map<string, number>();
  for (const f of before) difference.set(ruleOf(f), (difference.get(ruleOf(f)) ?? 0) + 1);
  for (const f of after) difference.set(ruleOf(f), (difference.get(ruleOf(f)) ?? 0) - 1);
  let fixes = 0;
  let adds = 0;
  for (const n of difference.values()) {
    if (n > 0) fixes += n;
    else adds -= n;
  }
  return { fixes, adds };
}

/**
 * Scores the document as it would stand with the matching suggestions
 * accepted, through the same analyzer options the live panel uses, beside
 * `current` (the live panel's result for the text as it stands). Pass an
 * analyzer of its own, not the live one: each call here leaves the
 * analyzer's block cache on a text that is not on screen.
 */
export function acceptingImpact(
  analyzer: Analyzer,
  fields: MessageFields,
  doc: ProseMirrorNode,
  current: AnalysisResult,
  which: SuggestionFilter,
): AcceptingImpact {
  const accepted = decidedDocument(doc, which, "accept");
  const plain = acceptedPlainText(accepted, { mergeFields: "sample" });
  const result = analyzer.analyze({ blocks: plain.blocks }, fields);
  return {
    scoreBefore: current.score,
    scoreAfter: result.score,
    ...findingChange(current.findings, result.findings),
  };
}
