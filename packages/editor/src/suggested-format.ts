import type { Mark, MarkType, Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Transform } from "@tiptap/pm/transform";
import {
  FORMAT,
  type FormatChange,
  INSERTION,
  isFormattingMark,
  newSuggestionId,
  type SuggestOptions,
} from "./suggestion-marks";

/** One formatting edit a person made: a mark put on the text, or a kind of mark taken off. */
export type FormattingEdit = { add: Mark } | { remove: MarkType };

/** The formatting a piece of text has, suggestion marks and comment anchors aside. */
const formattingOf = (node: ProseMirrorNode) =>
  node.marks.filter((m) => isFormattingMark(m.type.name));

/**
 * The change a piece of text's format suggestion records once `edit` is
 * made on top of it: bolding text whose suggestion took bold off cancels
 * that, and what the accepted text already has is not proposed again.
 */
function changeAfter(accepted: readonly Mark[], current: FormatChange, edit: FormattingEdit) {
  const type = "add" in edit ? edit.add.type : edit.remove;
  const add = current.add.filter((m) => m.type !== type.name);
  const remove = current.remove.filter((name) => name !== type.name);
  const has = accepted.find((m) => m.type === type);
  if ("add" in edit) {
    if (!has?.eq(edit.add)) add.push(edit.add.toJSON() as FormatChange["add"][number]);
  } else if (has) remove.push(type.name);
  return { add, remove };
}

/**
 * Formatting (bold, italic, a link) put on or taken off [from, to) as a
 * suggestion, on `tr`: the text keeps its formatting and carries a format
 * suggestion saying what accepting would change. Your own pending
 * insertions are formatted for real (the text is yours until it is
 * decided); text carrying someone else's format suggestion stays theirs.
 * Formatting back what a suggestion of yours changed withdraws that part.
 */
export function suggestFormat(
  tr: Transform,
  from: number,
  to: number,
  edit: FormattingEdit,
  options: SuggestOptions,
): void {
  const schema = tr.doc.type.schema;
  const formatType = schema.marks[FORMAT]!;
  const authorId = options.author.id;
  const id = options.id ?? newSuggestionId();
  const createdAt = (options.now ?? new Date()).toISOString();
  const pieces: Array<{ from: number; to: number; node: ProseMirrorNode }> = [];
  tr.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isInline) return true;
    pieces.push({ from: Math.max(pos, from), to: Math.min(pos + node.nodeSize, to), node });
    return false;
  });
  // Mark steps move no positions, so each piece's range holds throughout.
  for (const piece of pieces) {
    const { node } = piece;
    const ownInsertion = node.marks.some(
      (m) => m.type.name === INSERTION && m.attrs.authorId === authorId,
    );
    if (ownInsertion) {
      if ("add" in edit) tr.addMark(piece.from, piece.to, edit.add);
      else tr.removeMark(piece.from, piece.to, edit.remove);
      continue;
    }
    const existing = node.marks.find((m) => m.type === formatType);
    if (existing && existing.attrs.authorId !== authorId) continue;
    const current: FormatChange = existing
      ? (existing.attrs as FormatChange)
      : { add: [], remove: [] };
    const next = changeAfter(formattingOf(node), current, edit);
    if (next.add.length === 0 && next.remove.length === 0) {
      if (existing) tr.removeMark(piece.from, piece.to, existing);
      continue;
    }
    tr.addMark(
      piece.from,
      piece.to,
      formatType.create({
        id: existing ? existing.attrs.id : id,
        authorId,
        authorFunction: existing ? existing.attrs.authorFunction : options.author.function,
        createdAt: existing ? existing.attrs.createdAt : createdAt,
        ...next,
      }),
    );
  }
}

/** `suggestFormat` on a document rather than a transform: the document with the suggestion. */
export function formatSuggestedDocument(
  doc: ProseMirrorNode,
  from: number,
  to: number,
  edit: FormattingEdit,
  options: SuggestOptions,
): ProseMirrorNode {
  const tr = new Transform(doc);
  suggestFormat(tr, from, to, edit, options);
  return tr.doc;
}
