import {
  type Channel,
  DELETION,
  FORMAT,
  INSERTION,
  messageExtensions,
  type PlainText,
  Suggesting,
  type SuggestionAuthor,
  suggestionsOn,
} from "@conductor/editor";
import type { Finding } from "@conductor/rules";
import { Extension } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { yCursorPlugin } from "@tiptap/y-tiptap";
import type { Awareness } from "y-protocols/awareness";
import type * as Y from "yjs";
import { colorFor } from "~/components/communication/presence";

// Clarity findings as decorations: drawn over the text, never written into
// the document, so they cost the other editors nothing and survive no save.

export const clarityKey = new PluginKey<DecorationSet>("clarity");

export function findingKey(finding: Pick<Finding, "ruleId" | "start" | "end">) {
  return `${finding.ruleId}:${finding.start}:${finding.end}`;
}

export function clarityDecorations(
  doc: ProseMirrorNode,
  plain: PlainText,
  findings: Finding[],
  activeKey: string | null,
): DecorationSet {
  const decorations: Decoration[] = [];
  for (const finding of findings) {
    if (finding.field || finding.end <= finding.start) continue;
    // Document-wide findings (a missing opt-out) are listed, not painted over everything.
    if (finding.end - finding.start > 400) continue;
    const from = plain.toDocPos(finding.start);
    const to = plain.toDocPos(finding.end, "end");
    if (from >= to || to > doc.content.size) continue;
    const key = findingKey(finding);
    decorations.push(
      Decoration.inline(
        from,
        to,
        {
          class: `clarity-finding clarity-${finding.severity}${key === activeKey ? " clarity-active" : ""}`,
          "data-finding": key,
          title: finding.message,
        },
        { key },
      ),
    );
  }
  return DecorationSet.create(doc, decorations);
}

const ClarityHighlights = Extension.create({
  name: "clarityHighlights",
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key: clarityKey,
        state: {
          init: () => DecorationSet.empty,
          // New findings arrive as a meta; between analyses they move with the text.
          apply: (tr, set) => tr.getMeta(clarityKey) ?? set.map(tr.mapping, tr.doc),
        },
        props: { decorations: (state) => clarityKey.getState(state) },
      }),
    ];
  },
});

/** Other people's carets and selections, labelled with name and function, in their colour. */
const CollaboratorCarets = Extension.create<{ awareness: Awareness | null }>({
  name: "collaboratorCarets",
  addOptions: () => ({ awareness: null }),
  addProseMirrorPlugins() {
    if (!this.options.awareness) return [];
    return [
      yCursorPlugin(this.options.awareness, {
        cursorBuilder: (user: { name: string; label: string; color: string }) => {
          const caret = document.createElement("span");
          caret.className = "collab-caret";
          caret.style.borderColor = user.color;
          caret.setAttribute("data-collaborator", user.name);
          const label = document.createElement("span");
          label.className = "collab-caret-label";
          label.style.backgroundColor = user.color;
          label.textContent = `${user.name} · ${user.label}`;
          caret.append(label);
          return caret;
        },
        selectionBuilder: (user: { color: string }) => ({
          style: `background-color: ${user.color}33`,
          class: "collab-selection",
        }),
      }),
    ];
  },
});

const suggestionClasses: Record<string, string> = {
  [INSERTION]: "suggestion-added",
  [DELETION]: "suggestion-removed",
  [FORMAT]: "suggestion-formatted",
};

/**
 * Each suggestion in its author's colour (the colour presence gives them),
 * as a decoration: the mark itself carries only the author's id.
 */
const SuggestionColours = Extension.create({
  name: "suggestionColours",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        props: {
          decorations(state) {
            const decorations: Decoration[] = [];
            state.doc.descendants((node, pos) => {
              if (!node.isInline) return true;
              // Marks on text, attributes on a merge field: suggestionsOn reads both.
              for (const suggestion of suggestionsOn(node)) {
                decorations.push(
                  Decoration.inline(pos, pos + node.nodeSize, {
                    class: suggestionClasses[suggestion.kind],
                    style: `--suggestion-colour: ${colorFor(suggestion.attrs.authorId)}`,
                  }),
                );
              }
              return false;
            });
            return DecorationSet.create(state.doc, decorations);
          },
        },
      }),
    ];
  },
});

/** Everything the browser editor runs: the shared schema plus co-editing, carets and highlights. */
export function editorExtensions(
  channel: Channel,
  document: Y.Doc,
  awareness: Awareness | null,
  author: SuggestionAuthor,
) {
  return [
    ...messageExtensions(channel, { collaborative: true }),
    Suggesting.configure({ mode: "editing", author }),
    SuggestionColours,
    Collaboration.configure({ document, field: "default" }),
    CollaboratorCarets.configure({ awareness }),
    ClarityHighlights,
  ];
}
