import type { EditorState, Transaction } from "@tiptap/pm/state";
import type { PlainText } from "./plain-text";

/**
 * The transaction that replaces a finding's text with a suggestion: one
 * click in the editor, one undoable step. Marks on the replaced text are kept.
 */
export function applySuggestion(
  state: EditorState,
  plain: PlainText,
  finding: { start: number; end: number },
  replacement: string,
): Transaction {
  const from = plain.toDocPos(finding.start);
  const to = plain.toDocPos(finding.end, "end");
  return state.tr.insertText(replacement, from, to);
}
