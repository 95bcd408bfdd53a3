import { Mark, mergeAttributes } from "@tiptap/core";
import {
  Fragment,
  type Mark as ProseMirrorMark,
  type Node as ProseMirrorNode,
  type Schema,
  Slice,
} from "@tiptap/pm/model";
import { Transform } from "@tiptap/pm/transform";
import { noFieldSuggestion } from "./merge-field";
import { type PlainText, type PlainTextOptions, toPlainText } from "./plain-text";

/** Who proposed a change: the person and the review function they speak for. */
export interface SuggestionAuthor {
  id: string;
  /** A review function (LEGAL, COMPLIANCE…), or null for someone without one. */
  function: string | null;
}

/** What every suggestion mark carries. */
export interface SuggestionAttributes {
  id: string;
  authorId: string;
  authorFunction: string | null;
  /** ISO date-time. */
  createdAt: string;
}

export const INSERTION = "suggestedInsertion";
export const DELETION = "suggestedDeletion";
export const FORMAT = "suggestedFormat";

const SUGGESTION_MARKS: ReadonlySet<string> = new Set([INSERTION, DELETION, FORMAT]);
const isSuggestionMark = (mark: ProseMirrorMark) => SUGGESTION_MARKS.has(mark.type.name);

/**
 * Bold, italic, links…: the marks a person formats text with, as opposed to
 * suggestion marks and comment anchors, which are not the text's formatting.
 */
export function isFormattingMark(name: string): boolean {
  return !SUGGESTION_MARKS.has(name) && name !== "comment";
}

/** A formatting mark as a format suggestion records it: ProseMirror's mark JSON. */
export interface FormattingMarkJson {
  type: string;
  attrs?: Record<string, unknown>;
}

/** What a format suggestion would do to its text: the marks accepting adds, and the kinds it removes. */
export interface FormatChange {
  add: FormattingMarkJson[];
  remove: string[];
}

const suggestionAttributes = () => ({
  id: { default: null },
  authorId: { default: null },
  authorFunction: { default: null },
  createdAt: { default: null },
});

const dataAttributes = (attrs: Record<string, unknown>) => ({
  "data-suggestion": attrs.id,
  "data-author": attrs.authorId,
  "data-function": attrs.authorFunction ?? "",
  "data-created": attrs.createdAt,
});

const parsedAttributes = (el: HTMLElement) => ({
  id: el.getAttribute("data-suggestion"),
  authorId: el.getAttribute("data-author"),
  authorFunction: el.getAttribute("data-function") || null,
  createdAt: el.getAttribute("data-created"),
});

/**
 * Text someone proposes to add. It is in the shared document (so co-editors
 * see it and it converges like any edit) but not in the accepted text.
 * Not inclusive: typing at its edge is marked by the suggesting plugin, which
 * decides whose suggestion it joins.
 */
export const SuggestedInsertion = Mark.create({
  name: INSERTION,
  inclusive: false,
  excludes: INSERTION,
  addAttributes: suggestionAttributes,
  parseHTML() {
    return [{ tag: "ins[data-suggestion]", getAttrs: (el) => parsedAttributes(el as HTMLElement) }];
  },
  renderHTML({ HTMLAttributes, mark }) {
    return [
      "ins",
      mergeAttributes(dataAttributes(mark.attrs), {
        class: "suggested-insertion",
        ...(HTMLAttributes.style ? { style: HTMLAttributes.style } : {}),
      }),
      0,
    ];
  },
});

/** Text someone proposes to remove: it stays in the accepted text until the deletion is accepted. */
export const SuggestedDeletion = Mark.create({
  name: DELETION,
  inclusive: false,
  excludes: DELETION,
  addAttributes: suggestionAttributes,
  parseHTML() {
    return [{ tag: "del[data-suggestion]", getAttrs: (el) => parsedAttributes(el as HTMLElement) }];
  },
  renderHTML({ mark }) {
    return ["del", mergeAttributes(dataAttributes(mark.attrs), { class: "suggested-deletion" }), 0];
  },
});

const readChange = (value: string | null): unknown[] => {
  try {
    const parsed: unknown = JSON.parse(value ?? "[]");
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
};

/**
 * Formatting someone proposes: the text keeps its accepted formatting, and
 * this mark records what accepting would add and remove, so the accepted
 * document is the text without it and a rejection only drops the mark.
 * One per piece of text: formatting text that carries someone else's
 * format suggestion leaves that text to theirs.
 */
export const SuggestedFormat = Mark.create({
  name: FORMAT,
  inclusive: false,
  excludes: FORMAT,
  addAttributes: () => ({
    ...suggestionAttributes(),
    add: { default: [] },
    remove: { default: [] },
  }),
  parseHTML() {
    return [
      {
        tag: "span[data-suggested-format]",
        getAttrs: (el) => ({
          ...parsedAttributes(el as HTMLElement),
          add: readChange((el as HTMLElement).getAttribute("data-add")),
          remove: readChange((el as HTMLElement).getAttribute("data-remove")),
        }),
      },
    ];
  },
  renderHTML({ mark }) {
    const change = mark.attrs as FormatChange;
    return [
      "span",
      mergeAttributes(dataAttributes(mark.attrs), {
        "data-suggested-format": "",
        "data-add": JSON.stringify(change.add),
        "data-remove": JSON.stringify(change.remove),
        // What the stylesheet previews: the proposed formatting, by kind.
        "data-format-add": change.add.map((m) => m.type).join(" "),
        "data-format-remove": change.remove.join(" "),
        class: "suggested-format",
      }),
      0,
    ];
  },
});

/** A format suggestion as a card and the audit trail name it: the text and the kinds of formatting. */
export interface FormatSummary {
  /** The text it formats. */
  text: string;
  /** Kinds of formatting accepting adds (bold, italic, link…) and removes. */
  add: string[];
  remove: string[];
  /** The address, when it adds a link. */
  href?: string;
}

/** One pending suggestion as the margin card and the audit trail name it. */
export interface Suggestion extends SuggestionAttributes {
  /** The text it would add ("" for a pure deletion). */
  inserted: string;
  /** The text it would remove ("" for a pure insertion). */
  deleted: string;
  /** Set for a formatting suggestion (which adds and removes no text). */
  format?: FormatSummary;
  /** Where it starts in the document. */
  from: number;
  to: number;
}

const inlineText = (node: ProseMirrorNode) =>
  node.isText ? node.text! : node.type.name === "mergeField" ? `{{${node.attrs.key}}}` : "";

const attributesOf = (mark: ProseMirrorMark): SuggestionAttributes => ({
  id: String(mark.attrs.id),
  authorId: String(mark.attrs.authorId),
  authorFunction: (mark.attrs.authorFunction as string | null) ?? null,
  createdAt: String(mark.attrs.createdAt),
});

type SuggestionKind = typeof INSERTION | typeof DELETION | typeof FORMAT;

/** One suggestion a piece of inline content carries: a mark on text, attributes on a merge field. */
export interface SuggestionOn {
  kind: SuggestionKind;
  attrs: SuggestionAttributes;
  /** The mark, on text; null on a merge field. */
  mark: ProseMirrorMark | null;
}

const MERGE_FIELD = "mergeField";
const fieldKinds: Record<string, SuggestionKind> = { insertion: INSERTION, deletion: DELETION };

/** The suggestions on one piece of inline content (a merge field holds at most one). */
export function suggestionsOn(node: ProseMirrorNode): SuggestionOn[] {
  if (node.type.name === MERGE_FIELD) {
    const kind = fieldKinds[String(node.attrs.suggested)];
    if (!kind) return [];
    return [
      {
        kind,
        mark: null,
        attrs: {
          id: String(node.attrs.suggestionId),
          authorId: String(node.attrs.suggestionAuthorId),
          authorFunction: (node.attrs.suggestionFunction as string | null) ?? null,
          createdAt: String(node.attrs.suggestionCreatedAt),
        },
      },
    ];
  }
  return node.marks.filter(isSuggestionMark).map((mark) => ({
    kind: mark.type.name as SuggestionKind,
    attrs: attributesOf(mark),
    mark,
  }));
}

/** A merge field carrying a suggestion to insert or delete it. */
function suggestedField(
  node: ProseMirrorNode,
  kind: "insertion" | "deletion",
  attrs: SuggestionAttributes,
) {
  return node.type.create(
    {
      ...node.attrs,
      suggested: kind,
      suggestionId: attrs.id,
      suggestionAuthorId: attrs.authorId,
      suggestionFunction: attrs.authorFunction,
      suggestionCreatedAt: attrs.createdAt,
    },
    null,
    node.marks.filter((m) => !isSuggestionMark(m)),
  );
}

/** Sets (or, with null, clears) a merge field's suggestion at `pos` as attribute steps, which move nothing. */
function markField(
  tr: Transform,
  pos: number,
  kind: "insertion" | "deletion" | null,
  attrs?: SuggestionAttributes,
) {
  const values = kind
    ? {
        suggested: kind,
        suggestionId: attrs!.id,
        suggestionAuthorId: attrs!.authorId,
        suggestionFunction: attrs!.authorFunction,
        suggestionCreatedAt: attrs!.createdAt,
      }
    : noFieldSuggestion;
  for (const [name, value] of Object.entries(values)) tr.setNodeAttribute(pos, name, value);
}

/** Every pending suggestion in document order, its marked pieces joined by id. */
export function pendingSuggestions(doc: ProseMirrorNode): Suggestion[] {
  const byId = new Map<string, Suggestion>();
  doc.descendants((node, pos) => {
    if (!node.isInline) return true;
    for (const { kind, attrs, mark } of suggestionsOn(node)) {
      let found = byId.get(attrs.id);
      if (!found) {
        found = { ...attrs, inserted: "", deleted: "", from: pos, to: pos + node.nodeSize };
        byId.set(attrs.id, found);
      }
      found.to = pos + node.nodeSize;
      if (kind === INSERTION) found.inserted += inlineText(node);
      else if (kind === DELETION) found.deleted += inlineText(node);
      else if (mark) summariseFormat(found, mark, inlineText(node));
    }
    return false;
  });
  return [...byId.values()];
}

const addOnce = (list: string[], item: string) => {
  if (!list.includes(item)) list.push(item);
};

function summariseFormat(suggestion: Suggestion, mark: ProseMirrorMark, text: string) {
  const change = mark.attrs as FormatChange;
  const summary = suggestion.format ?? { text: "", add: [], remove: [] };
  suggestion.format = summary;
  summary.text += text;
  for (const added of change.add) {
    addOnce(summary.add, added.type);
    if (added.type === "link" && typeof added.attrs?.href === "string")
      summary.href = added.attrs.href;
  }
  for (const removed of change.remove) addOnce(summary.remove, removed);
}

export type SuggestionFilter = (suggestion: SuggestionAttributes) => boolean;

/** Which suggestions a decision covers. */
export const suggestionsMatching = {
  one:
    (id: string): SuggestionFilter =>
    (s) =>
      s.id === id,
  byAuthor:
    (authorId: string): SuggestionFilter =>
    (s) =>
      s.authorId === authorId,
  byFunction:
    (fn: string): SuggestionFilter =>
    (s) =>
      s.authorFunction === fn,
  all: (): SuggestionFilter => () => true,
};

interface MarkedRange {
  from: number;
  to: number;
  kind: SuggestionKind;
  /** Null for a merge field's suggestion, which is its attributes. */
  mark: ProseMirrorMark | null;
}

function markedRanges(doc: ProseMirrorNode, which: SuggestionFilter): MarkedRange[] {
  const ranges: MarkedRange[] = [];
  doc.descendants((node, pos) => {
    if (!node.isInline) return true;
    for (const { kind, attrs, mark } of suggestionsOn(node)) {
      if (!which(attrs)) continue;
      const last = ranges.at(-1);
      // Adjacent pieces of one suggestion (split by another mark) become one range.
      if (mark && last?.mark && last.kind === kind && last.to === pos && last.mark.eq(mark))
        last.to = pos + node.nodeSize;
      else ranges.push({ from: pos, to: pos + node.nodeSize, kind, mark });
    }
    return false;
  });
  return ranges;
}

/** Applies what a format suggestion records to [from, to): its removals, then its additions. */
function applyFormat(tr: Transform, from: number, to: number, mark: ProseMirrorMark) {
  const schema = tr.doc.type.schema;
  const change = mark.attrs as FormatChange;
  for (const name of change.remove) {
    const type = schema.marks[name];
    if (type && isFormattingMark(name)) tr.removeMark(from, to, type);
  }
  for (const added of change.add) {
    const type = schema.marks[added.type];
    if (type && isFormattingMark(added.type)) tr.addMark(from, to, type.create(added.attrs));
  }
}

/**
 * Accepts or rejects the matching suggestions as steps of one transform (a
 * transaction in the editor, a plain Transform on the server): accepting an
 * insertion keeps its text, accepting a deletion removes it, accepting a
 * format suggestion applies its formatting; rejecting keeps the text and
 * formatting as they were. Returns the same transform.
 */
export function decideSuggestions<T extends Transform>(
  tr: T,
  which: SuggestionFilter,
  decision: "accept" | "reject",
): T {
  const ranges = markedRanges(tr.doc, which);
  const start = tr.mapping.maps.length;
  // Right to left, and each range mapped through what was already changed:
  // one piece of text can carry two suggestions (an insertion someone
  // formats), and the first decided may remove it.
  for (const range of ranges.reverse()) {
    const done = tr.mapping.slice(start);
    const from = done.map(range.from, 1);
    const to = done.map(range.to, -1);
    if (from >= to) continue;
    if (range.kind === FORMAT && range.mark) {
      tr.removeMark(from, to, range.mark);
      if (decision === "accept") applyFormat(tr, from, to, range.mark);
      continue;
    }
    const removeText = (range.kind === INSERTION) === (decision === "reject");
    if (removeText) tr.delete(from, to);
    else if (range.mark) tr.removeMark(from, to, range.mark);
    else markField(tr, from, null);
  }
  return tr;
}

/** `decideSuggestions` on a document rather than a transform (the server, tests). */
export function decidedDocument(
  doc: ProseMirrorNode,
  which: SuggestionFilter,
  decision: "accept" | "reject",
): ProseMirrorNode {
  return decideSuggestions(new Transform(doc), which, decision).doc;
}

/**
 * The document as it stands: pending insertions left out, pending deletions
 * kept as ordinary text, pending formatting left off (the text keeps the
 * formatting it has). What a version's hash and the clarity score cover.
 * A document without suggestions is returned as is (the same node).
 */
export function acceptedDocument(doc: ProseMirrorNode): ProseMirrorNode {
  let any = false;
  doc.descendants((node) => {
    if (any) return false;
    if (node.isInline) any = carriesSuggestion(node);
    return !node.isInline;
  });
  return any ? withoutSuggestions(doc) : doc;
}

// One pass over the tree: a transform step per suggestion costs a rebuilt
// document each, too slow for every keystroke with hundreds pending.
// Fragment.fromArray joins the text either side of a removed insertion, as
// ProseMirror's own delete would.
function withoutSuggestions(node: ProseMirrorNode): ProseMirrorNode {
  if (node.isLeaf) return node;
  const children: ProseMirrorNode[] = [];
  node.forEach((child) => {
    if (!child.isInline) {
      children.push(withoutSuggestions(child));
      return;
    }
    if (isPendingInsertion(child)) return;
    if (child.type.name === MERGE_FIELD && child.attrs.suggested)
      children.push(child.type.create({ ...child.attrs, ...noFieldSuggestion }, null, child.marks));
    else
      children.push(
        child.marks.some(isSuggestionMark)
          ? child.mark(child.marks.filter((m) => !isSuggestionMark(m)))
          : child,
      );
  });
  return node.copy(Fragment.fromArray(children));
}

// These two run on every inline node at every keystroke: no arrays made.
const carriesSuggestion = (node: ProseMirrorNode) =>
  node.type.name === MERGE_FIELD
    ? Boolean(node.attrs.suggested)
    : node.marks.some(isSuggestionMark);

const isPendingInsertion = (node: ProseMirrorNode) =>
  node.type.name === MERGE_FIELD
    ? node.attrs.suggested === "insertion"
    : node.marks.some((m) => m.type.name === INSERTION);

/**
 * The plain text the clarity rules read, as it stands (pending insertions
 * read past), with offsets on the live document — so findings on the text
 * as it stands are drawn on the right words of the text on screen.
 */
export function acceptedPlainText(doc: ProseMirrorNode, options: PlainTextOptions = {}): PlainText {
  return toPlainText(doc, { ...options, leaveOut: isPendingInsertion });
}

/** Whether stored editor JSON carries any suggestion mark (read without a schema). */
export function hasSuggestions(json: unknown): boolean {
  if (Array.isArray(json)) return json.some(hasSuggestions);
  if (json === null || typeof json !== "object") return false;
  const node = json as { type?: unknown; attrs?: unknown; marks?: unknown; content?: unknown };
  if (node.type === MERGE_FIELD && (node.attrs as { suggested?: unknown } | null)?.suggested)
    return true;
  if (
    Array.isArray(node.marks) &&
    node.marks.some((m) => {
      const type = (m as { type?: unknown } | null)?.type;
      return typeof type === "string" && SUGGESTION_MARKS.has(type);
    })
  )
    return true;
  return hasSuggestions(node.content);
}

/**
 * The accepted document as editor JSON: what a version hashes. JSON without
 * suggestions is returned as it is, untouched by any schema, so the hash of
 * every document saved before suggestions existed stays what it was.
 */
export function acceptedJson(schema: Schema, json: unknown): unknown {
  if (!hasSuggestions(json)) return json;
  return acceptedDocument(schema.nodeFromJSON(json)).toJSON();
}

const suggestionAt = (
  doc: ProseMirrorNode,
  pos: number,
  side: "before" | "after",
  kind: SuggestionKind,
  authorId: string,
): SuggestionAttributes | undefined => {
  if (pos < 0 || pos > doc.content.size) return undefined;
  const $pos = doc.resolve(pos);
  const node = side === "before" ? $pos.nodeBefore : $pos.nodeAfter;
  if (!node) return undefined;
  return suggestionsOn(node).find((s) => s.kind === kind && s.attrs.authorId === authorId)?.attrs;
};

let counter = 0;
/** A suggestion id unique across people and reloads without coordination. */
export function newSuggestionId(): string {
  counter = (counter + 1) % 1_000_000;
  const random =
    typeof crypto !== "undefined" && "randomUUID" in crypto
      ? crypto.randomUUID().slice(0, 8)
      : Math.random().toString(36).slice(2, 10);
  return `s${Date.now().toString(36)}${counter.toString(36)}${random}`;
}

export interface SuggestOptions {
  author: SuggestionAuthor;
  now?: Date;
  /** For tests: a fixed id for a new suggestion. */
  id?: string;
}

/**
 * Replaces [from, to) with `content` as a suggestion, on `tr`: the replaced
 * text stays, marked as a suggested deletion (your own pending insertions in
 * it are really removed), and the new content follows it, marked as a
 * suggested insertion with the same id — one suggestion for a replacement.
 * Typing or deleting next to your own suggestion extends it rather than
 * starting another. Returns where the inserted content starts and ends.
 */
export function suggestReplace(
  tr: Transform,
  from: number,
  to: number,
  content: Fragment | ProseMirrorNode | string | null,
  options: SuggestOptions,
): { deletedFrom: number; deletedTo: number; insertedFrom: number; insertedTo: number } {
  const schema = tr.doc.type.schema;
  const insertionType = schema.marks[INSERTION]!;
  const deletionType = schema.marks[DELETION]!;
  const authorId = options.author.id;
  const createdAt = (options.now ?? new Date()).toISOString();

  // 1. Your own pending insertions inside the range go for real.
  const own: Array<[number, number]> = [];
  tr.doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isInline) return true;
    if (suggestionsOn(node).some((s) => s.kind === INSERTION && s.attrs.authorId === authorId))
      own.push([Math.max(pos, from), Math.min(pos + node.nodeSize, to)]);
    return false;
  });
  const start = tr.mapping.maps.length;
  for (const [a, b] of own.reverse()) tr.delete(a, b);
  const after = tr.mapping.slice(start);
  from = after.map(from, -1);
  to = after.map(to, 1);

  // 2. What is left is marked deleted, joining an adjacent deletion of yours.
  let id: string | undefined;
  const hasText = (a: number, b: number) => {
    let found = false;
    tr.doc.nodesBetween(a, b, (node) => {
      if (
        node.isInline &&
        !(node.type.name === MERGE_FIELD
          ? node.attrs.suggested
          : node.marks.some((m) => m.type === deletionType))
      )
        found = true;
      return !found && !node.isInline;
    });
    return found;
  };
  if (from < to && hasText(from, to)) {
    const joined =
      suggestionAt(tr.doc, to, "after", DELETION, authorId) ??
      suggestionAt(tr.doc, from, "before", DELETION, authorId);
    const attrs = joined ?? {
      id: options.id ?? newSuggestionId(),
      authorId,
      authorFunction: options.author.function,
      createdAt,
    };
    id = String(attrs.id);
    const mark = deletionType.create(attrs);
    tr.doc.nodesBetween(from, to, (node, pos) => {
      if (!node.isInline) return true;
      // A field holds one suggestion: one someone else suggested stays theirs alone.
      if (node.type.name === MERGE_FIELD) {
        if (!node.attrs.suggested) markField(tr, pos, "deletion", attrs);
        return false;
      }
      // Someone else's deletion stays theirs.
      if (!node.marks.some((m) => m.type === deletionType))
        tr.addMark(Math.max(pos, from), Math.min(pos + node.nodeSize, to), mark);
      return false;
    });
  }

  // 3. The new content goes after the kept text, as an insertion.
  const inline = inlineContent(schema, content);
  if (inline.size === 0)
    return { deletedFrom: from, deletedTo: to, insertedFrom: to, insertedTo: to };
  const joined = id
    ? undefined
    : (suggestionAt(tr.doc, to, "before", INSERTION, authorId) ??
      suggestionAt(tr.doc, to, "after", INSERTION, authorId) ??
      suggestionAt(tr.doc, to, "after", DELETION, authorId) ??
      suggestionAt(tr.doc, from, "before", DELETION, authorId));
  const attrs = joined ?? {
    id: id ?? options.id ?? newSuggestionId(),
    authorId,
    authorFunction: options.author.function,
    createdAt,
  };
  const mark = insertionType.create(attrs);
  const marked: ProseMirrorNode[] = [];
  inline.forEach((node) => {
    marked.push(
      node.type.name === MERGE_FIELD
        ? suggestedField(node, "insertion", attrs)
        : node.mark(mark.addToSet(node.marks.filter((m) => !isSuggestionMark(m)))),
    );
  });
  tr.replace(to, to, new Slice(Fragment.from(marked), 0, 0));
  return { deletedFrom: from, deletedTo: to, insertedFrom: to, insertedTo: to + inline.size };
}

/** `suggestReplace` on a document rather than a transform: the document with the suggestion. */
export function suggestedDocument(
  doc: ProseMirrorNode,
  from: number,
  to: number,
  content: Fragment | ProseMirrorNode | string | null,
  options: SuggestOptions,
): ProseMirrorNode {
  const tr = new Transform(doc);
  suggestReplace(tr, from, to, content, options);
  return tr.doc;
}

/**
 * Block structure cannot be a suggestion (a text mark cannot hold a
 * paragraph break), so pasted paragraphs arrive as one run of text.
 */
function inlineContent(schema: Schema, content: Fragment | ProseMirrorNode | string | null) {
  if (content === null) return Fragment.empty;
  if (typeof content === "string")
    return content ? Fragment.from(schema.text(content)) : Fragment.empty;
  const fragment = content instanceof Fragment ? content : Fragment.from(content);
  const nodes: ProseMirrorNode[] = [];
  let blocks = 0;
  fragment.descendants((node) => {
    if (node.isTextblock) {
      if (blocks++ > 0 && nodes.length) nodes.push(schema.text(" "));
      return true;
    }
    if (node.isInline) {
      nodes.push(node);
      return false;
    }
    return true;
  });
  return Fragment.from(nodes);
}
