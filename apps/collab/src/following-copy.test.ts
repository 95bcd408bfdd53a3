import {
  documentFromPlainText,
  messageSchema,
  suggestionOnlyChange,
  suggestReplace,
  toPlainText,
} from "@conductor/editor";
import { Transform } from "@tiptap/pm/transform";
import { describe, expect, it } from "vitest";
import {
  prosemirrorToYXmlFragment,
  updateYFragment,
  yXmlFragmentToProsemirror,
} from "y-prosemirror";
import * as Y from "yjs";
import { FIELD } from "./document-content";
import { changedBlocks, followingCopy } from "./following-copy";

const schema = messageSchema("EMAIL");
const bodyOf = (document: Y.Doc) =>
  yXmlFragmentToProsemirror(schema, document.getXmlFragment(FIELD));

describe("a copy that follows the live document", () => {
  it("reads the same body as a full conversion after every kind of change, and tries an edit without touching the live document", () => {
    const live = new Y.Doc();
    prosemirrorToYXmlFragment(
      documentFromPlainText(schema, "First paragraph here.\n\nSecond one.\n\nThird one, {{name}}."),
      live.getXmlFragment(FIELD),
    );
    const following = followingCopy(live);
    const same = () => expect(following.body(schema).eq(bodyOf(live))).toBe(true);
    same();
    const edit = (make: (tr: Transform) => void) => {
      const tr = new Transform(bodyOf(live));
      make(tr);
      updateYFragment(live, live.getXmlFragment(FIELD), tr.doc, {
        mapping: new Map(),
        isOMark: new Map(),
      });
    };
    const change = (make: (tr: Transform) => void) => {
      edit(make);
      same();
    };
    // Typing inside a block, a new block, a removed block, bold, a suggestion.
    change((tr) => tr.insert(5, schema.text(" More")));
    change((tr) =>
      tr.insert(tr.doc.content.size, schema.node("paragraph", null, [schema.text("New.")])),
    );
    change((tr) =>
      tr.delete(tr.doc.child(0).nodeSize, tr.doc.child(0).nodeSize + tr.doc.child(1).nodeSize),
    );
    change((tr) => tr.addMark(1, 6, schema.marks.bold!.create()));
    change((tr) => {
      const plain = toPlainText(tr.doc);
      const at = plain.text.indexOf("Third");
      suggestReplace(tr, plain.toDocPos(at), plain.toDocPos(at + 5, "end"), "Last", {
        author: { id: "legal", function: "LEGAL" },
      });
    });

    // An edit tried on the copy alone: the copy moves, the live document does not.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(live));
    const tried: Uint8Array[] = [];
    other.on("update", (update: Uint8Array) => tried.push(update));
    other.getXmlFragment(FIELD).push([new Y.XmlElement("paragraph")]);
    Y.applyUpdate(following.copy, tried[0]!);
    expect(following.body(schema).childCount).toBe(bodyOf(live).childCount + 1);
    following.dispose();
    // Disposed, it no longer follows.
    edit((tr) => tr.insert(1, schema.text("x")));
    expect(following.body(schema).eq(bodyOf(live))).toBe(false);
  });

  it("narrows two bodies to the blocks that differ, and the suggestion check answers the same on them", () => {
    const live = new Y.Doc();
    prosemirrorToYXmlFragment(
      documentFromPlainText(schema, "One.\n\nTwo words.\n\nThree.\n\nFour."),
      live.getXmlFragment(FIELD),
    );
    const following = followingCopy(live);
    const legal = { id: "legal", functions: ["LEGAL"] };
    const tryEdit = (make: (tr: Transform) => void) => {
      const before = following.body(schema);
      const tr = new Transform(before);
      make(tr);
      const scratch = new Y.Doc();
      Y.applyUpdate(scratch, Y.encodeStateAsUpdate(following.copy));
      const updates: Uint8Array[] = [];
      scratch.on("update", (update: Uint8Array) => updates.push(update));
      updateYFragment(scratch, scratch.getXmlFragment(FIELD), tr.doc, {
        mapping: new Map(),
        isOMark: new Map(),
      });
      for (const update of updates) Y.applyUpdate(following.copy, update);
      const after = following.body(schema);
      const [narrowBefore, narrowAfter] = changedBlocks(before, after);
      return {
        blocks: [narrowBefore.childCount, narrowAfter.childCount],
        narrow: suggestionOnlyChange(narrowBefore, narrowAfter, legal),
        whole: suggestionOnlyChange(before, after, legal),
      };
    };
    const at = (doc: import("@tiptap/pm/model").Node, word: string) => {
      const plain = toPlainText(doc);
      const offset = plain.text.indexOf(word);
      return [plain.toDocPos(offset), plain.toDocPos(offset + word.length, "end")] as const;
    };
    // A suggestion in the second block: that block and its neighbours.
    const suggested = tryEdit((tr) => {
      const [from, to] = at(tr.doc, "words");
      suggestReplace(tr, from, to, "more words", { author: { id: "legal", function: "LEGAL" } });
    });
    expect(suggested).toEqual({ blocks: [3, 3], narrow: null, whole: null });
    // A direct edit in the third block is refused on the narrow bodies as on the whole.
    const direct = tryEdit((tr) => tr.insert(at(tr.doc, "Three")[0], schema.text("Nearly ")));
    expect(direct.narrow).toBe(direct.whole);
    expect(direct.narrow).toMatch(/Only suggestions/);
    expect(direct.blocks).toEqual([3, 3]);
    // A new block at the end: the last block beside it.
    const added = tryEdit((tr) =>
      tr.insert(tr.doc.content.size, schema.node("paragraph", null, [schema.text("Five.")])),
    );
    expect(added.blocks).toEqual([1, 2]);
    expect(added.narrow).toBe(added.whole);
    following.dispose();
  });
});
