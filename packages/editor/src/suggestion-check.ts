import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Transform } from "@tiptap/pm/transform";
import { acceptedDocument, pendingSuggestions, type Suggestion } from "./suggestion-marks";

/** Comment anchors are not content: anyone who may comment may place one. */
function withoutComments(doc: ProseMirrorNode): ProseMirrorNode {
  const comment = doc.type.schema.marks.comment;
  if (!comment) return doc;
  return new Transform(doc).removeMark(0, doc.content.size, comment).doc;
}

const sameSuggestion = (a: Suggestion | undefined, b: Suggestion | undefined) =>
  a?.authorId === b?.authorId &&
  a?.authorFunction === b?.authorFunction &&
  a?.createdAt === b?.createdAt &&
  a?.inserted === b?.inserted &&
  a?.deleted === b?.deleted;

/**
 * Whether going from `before` to `after` only adds, extends or removes the
 * author's own suggestions: the accepted document (comment anchors aside)
 * is the same, and every suggestion that differs is the author's, under one
 * of their functions. Null when it does; otherwise the sentence saying why not.
 */
export function suggestionOnlyChange(
  before: ProseMirrorNode,
  after: ProseMirrorNode,
  author: { id: string; functions: readonly string[] },
): string | null {
  if (!withoutComments(acceptedDocument(before)).eq(withoutComments(acceptedDocument(after))))
    return "Only suggestions can be made now: this edit changes the text itself";
  const was = new Map(pendingSuggestions(before).map((s) => [s.id, s]));
  const now = new Map(pendingSuggestions(after).map((s) => [s.id, s]));
  for (const id of new Set([...was.keys(), ...now.keys()])) {
    const [old, current] = [was.get(id), now.get(id)];
    if (sameSuggestion(old, current)) continue;
    if ((old && old.authorId !== author.id) || (current && current.authorId !== author.id))
      return "Only the person who made a suggestion can change or withdraw it";
    if (
      current &&
      current.authorFunction !== null &&
      !author.functions.includes(current.authorFunction)
    )
      return "A suggestion can only be made under one of your own functions";
  }
  return null;
}
