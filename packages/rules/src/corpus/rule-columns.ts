import type { CorpusMessage } from "./corpus";
import { evaluate, precision, type RuleTally, recall } from "./evaluate";

const percent = (share: number | null, of: number, total: number) =>
  share === null ? "—" : `${Math.round(share * 100)}% (${of}/${total})`;

/** The README rule table's precision and recall columns, measured on the corpus. */
export function corpusColumns(messages: CorpusMessage[]): {
  caption: string;
  cells: (ruleId: string) => string;
} {
  const { byRule } = evaluate(messages);
  const none: RuleTally = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  const good = messages.filter((m) => m.quality === "good").length;
  return {
    caption:
      `Precision and recall are measured on the annotated corpus in \`corpus/\` ` +
      `(${good} well-written and ${messages.length - good} poorly written messages; ` +
      `see corpus/README.md): precision is the share of a rule's findings an editor ` +
      `expected, recall the share of the editor's expectations the rule met; ` +
      `“—” where there is nothing to divide.`,
    cells: (ruleId) => {
      const t = byRule.get(ruleId) ?? none;
      return [
        percent(precision(t), t.truePositives, t.truePositives + t.falsePositives),
        percent(recall(t), t.truePositives, t.truePositives + t.falseNegatives),
      ].join(" | ");
    },
  };
}
