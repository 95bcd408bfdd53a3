import { Extension } from "@tiptap/core";
import type { EditorState, Transaction } from "@tiptap/pm/state";
import { TextSelection } from "@tiptap/pm/state";
import { AddMarkStep, RemoveMarkStep, ReplaceStep, type Step } from "@tiptap/pm/transform";
import { suggestFormat } from "./suggested-format";
import {
  isFormattingMark,
  newSuggestionId,
  type SuggestionAuthor,
  suggestReplace,
} from "./suggestion-marks";

export type EditingMode = "editing" | "suggesting" | "viewing";

/** Meta on a transaction that decides suggestions: it passes through Suggesting mode as is. */
export const SUGGESTION_DECISION = "suggestionDecision";
/** y-prosemirror's sync plugin key: changes that arrive from the shared document. */
const Y_SYNC = "y-sync$";

/**
 * What the person's edit becomes in Suggesting mode: the same typing,
 * deleting, pasting and formatting, expressed as suggestion marks on
 * `state`, so the accepted text does not change (formatting in one
 * transaction, such as a link replacing another, is one suggestion). Null when the edit cannot be a suggestion
 * (block structure: splitting or joining paragraphs, lists) and is dropped.
 * Transactions that do not change the document, that come from the shared
 * document, or that decide suggestions pass as they are.
 */
export function suggestingTransaction(
  state: EditorState,
  tr: Transaction,
  author: SuggestionAuthor,
  now = new Date(),
): Transaction | null {
  if (!tr.docChanged) return tr;
  if (tr.getMeta(SUGGESTION_DECISION) || tr.getMeta(Y_SYNC)?.isChangeOrigin) return tr;
  if (
    !tr.steps.every(
      (step) => step instanceof ReplaceStep || isCommentStep(step) || isFormattingStep(step),
    )
  )
    return null;

  const out = state.tr;
  let caret: number | null = null;
  const formatId = newSuggestionId();
  tr.steps.forEach((step, index) => {
    // Positions of this step are in the document before it; map them from
    // the original edit's steps so far into what this transaction has built.
    const mapFrom = (pos: number, assoc: -1 | 1) => {
      let mapped = pos;
      for (let i = index - 1; i >= 0; i--) mapped = tr.mapping.maps[i]!.invert().map(mapped, assoc);
      return out.mapping.map(mapped, assoc);
    };
    if (isFormattingStep(step)) {
      const { from, to, mark } = step as AddMarkStep | RemoveMarkStep;
      suggestFormat(
        out,
        mapFrom(from, 1),
        mapFrom(to, -1),
        step instanceof AddMarkStep ? { add: mark } : { remove: mark.type },
        { author, now, id: formatId },
      );
      return;
    }
    // Comment anchors are not content: they apply as they are.
    if (step instanceof AddMarkStep) {
      out.addMark(mapFrom(step.from, 1), mapFrom(step.to, -1), step.mark);
      return;
    }
    if (step instanceof RemoveMarkStep) {
      out.removeMark(mapFrom(step.from, 1), mapFrom(step.to, -1), step.mark);
      return;
    }
    const { from, to, slice } = step as ReplaceStep;
    const range = suggestReplace(out, mapFrom(from, -1), mapFrom(to, 1), slice.content, {
      author,
      now,
    });
    const oldSelection = index === 0 ? state.selection : null;
    if (range.insertedTo > range.insertedFrom) caret = range.insertedTo;
    else if (oldSelection?.empty && oldSelection.head === from)
      caret = range.deletedTo; // forward delete: carry on after the struck text
    else caret = range.deletedFrom; // backspace: carry on before it
  });
  // Only block structure changed (a split or a join): nothing to suggest.
  if (!out.docChanged) return null;
  if (caret !== null) out.setSelection(TextSelection.create(out.doc, caret));
  out.setMeta("addToHistory", tr.getMeta("addToHistory"));
  return out;
}

const isCommentStep = (step: Step) =>
  (step instanceof AddMarkStep || step instanceof RemoveMarkStep) &&
  step.mark.type.name === "comment";

const isFormattingStep = (step: Step) =>
  (step instanceof AddMarkStep || step instanceof RemoveMarkStep) &&
  isFormattingMark(step.mark.type.name);

export interface SuggestingOptions {
  mode: EditingMode;
  author: SuggestionAuthor | null;
}

/**
 * Editing, Suggesting or Viewing. In Suggesting, every edit goes through
 * `suggestingTransaction` before it is applied, so what reaches the shared
 * document (and the collab server's check) is suggestion marks only.
 */
export const Suggesting = Extension.create<SuggestingOptions, SuggestingOptions>({
  name: "suggesting",
  addOptions() {
    return { mode: "editing", author: null };
  },
  // The mode changes while the editor is open (the switch, a review opening).
  addStorage() {
    return { mode: this.options.mode, author: this.options.author };
  },
  dispatchTransaction({ transaction, next }) {
    const { mode, author } = this.storage;
    if (mode === "editing" || !transaction.docChanged) return next(transaction);
    if (mode === "viewing" || !author) {
      if (transaction.getMeta(Y_SYNC)?.isChangeOrigin) next(transaction);
      return;
    }
    const rewritten = suggestingTransaction(this.editor.state, transaction, author);
    if (rewritten) next(rewritten);
  },
});
