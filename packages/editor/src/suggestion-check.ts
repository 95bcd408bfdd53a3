import type { Mark, Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Transform } from "@tiptap/pm/transform";
import { noFieldSuggestion } from "./merge-field";
import {
  acceptedDocument,
  DELETION,
  FORMAT,
  type FormatChange,
  INSERTION,
  isFormattingMark,
  suggestionsOn,
} from "./suggestion-marks";

/** Comment anchors are not content: anyone who may comment may place one. */
function withoutComments(doc: ProseMirrorNode): ProseMirrorNode {
  const comment = doc.type.schema.marks.comment;
  if (!comment) return doc;
  return new Transform(doc).removeMark(0, doc.content.size, comment).doc;
}

const isSuggestion = (mark: Mark) =>
  mark.type.name === INSERTION || mark.type.name === DELETION || mark.type.name === FORMAT;

/** One suggestion as the check compares it: who, and everything its marked pieces hold. */
interface SuggestionPrint {
  authorId: string;
  authorFunction: string | null;
  pieces: Array<{ content: unknown; marks: string }>;
}

/**
 * Every suggestion of `doc` by id, with a print of its pieces: their text
 * or merge field, their formatting, and the suggestion mark with all its
 * attributes (a format suggestion's change included). Other suggestions on
 * the same text are left out of the print (and text they split is joined
 * again), so striking or formatting someone's insertion as a suggestion
 * does not change their suggestion, while formatting it directly (or
 * swapping its merge field) does.
 */
function suggestionPrints(doc: ProseMirrorNode): Map<string, string> {
  const prints = new Map<string, SuggestionPrint>();
  doc.descendants((node) => {
    if (!node.isInline) return true;
    for (const { kind, attrs, mark } of suggestionsOn(node)) {
      const { id } = attrs;
      const marks = JSON.stringify({
        // A merge field's suggestion is its attributes: what and when, as a mark's would be.
        suggestion: mark ? mark.toJSON() : { kind, ...attrs },
        formatting: node.marks.filter((m) => !isSuggestion(m)).map((m) => m.toJSON()),
      });
      let found = prints.get(id);
      if (!found) {
        found = { authorId: attrs.authorId, authorFunction: attrs.authorFunction, pieces: [] };
        prints.set(id, found);
      }
      const last = found.pieces.at(-1);
      if (node.isText && last && typeof last.content === "string" && last.marks === marks)
        last.content += node.text!;
      else
        found.pieces.push({
          content: node.isText
            ? node.text
            : { type: node.type.name, attrs: { ...node.attrs, ...noFieldSuggestion } },
          marks,
        });
    }
    return false;
  });
  return new Map(
    [...prints].map(([id, { authorId, authorFunction, pieces }]) => [
      id,
      JSON.stringify({ authorId, authorFunction, pieces }),
    ]),
  );
}

const authorOf = (print: string | undefined) =>
  print === undefined
    ? undefined
    : (JSON.parse(print) as Pick<SuggestionPrint, "authorId" | "authorFunction">);

/** Whether a format suggestion names only formatting this schema has (not suggestions, not comments). */
function wellFormedFormat(doc: ProseMirrorNode, mark: Mark): boolean {
  const { add, remove } = mark.attrs as Partial<FormatChange>;
  const known = (name: unknown) =>
    typeof name === "string" && isFormattingMark(name) && name in doc.type.schema.marks;
  return (
    Array.isArray(add) &&
    Array.isArray(remove) &&
    add.length + remove.length > 0 &&
    add.every(
      (m) =>
        m !== null &&
        typeof m === "object" &&
        known(m.type) &&
        (m.attrs === undefined || (m.attrs !== null && typeof m.attrs === "object")),
    ) &&
    remove.every(known)
  );
}

/**
 * Whether going from `before` to `after` only adds, extends or removes the
 * author's own suggestions (text, merge fields and formatting alike): the
 * accepted document (comment anchors aside) is the same, and every
 * suggestion that differs is the author's, under one of their functions.
 * Null when it does; otherwise the sentence saying why not.
 */
export function suggestionOnlyChange(
  before: ProseMirrorNode,
  after: ProseMirrorNode,
  author: { id: string; functions: readonly string[] },
): string | null {
  const [was, is] = [withoutComments(before), withoutComments(after)];
  if (!acceptedDocument(was).eq(acceptedDocument(is)))
    return "Only suggestions can be made now: this edit changes the text itself";
  const old = suggestionPrints(was);
  const now = suggestionPrints(is);
  const changed = new Set<string>();
  for (const id of new Set([...old.keys(), ...now.keys()])) {
    if (old.get(id) === now.get(id)) continue;
    const [then, current] = [authorOf(old.get(id)), authorOf(now.get(id))];
    changed.add(id);
    if ((then && then.authorId !== author.id) || (current && current.authorId !== author.id))
      return "Only the person who made a suggestion can change or withdraw it";
    if (
      current &&
      current.authorFunction !== null &&
      !author.functions.includes(current.authorFunction)
    )
      return "A suggestion can only be made under one of your own functions";
  }
  let malformed = false;
  is.descendants((node) => {
    if (malformed) return false;
    const format = node.marks.find((m) => m.type.name === FORMAT);
    if (format && changed.has(String(format.attrs.id)) && !wellFormedFormat(is, format))
      malformed = true;
    return !node.isInline;
  });
  return malformed ? "A formatting suggestion can only add or remove formatting" : null;
}
