import { EditorState, TextSelection } from "@tiptap/pm/state";
import { Transform } from "@tiptap/pm/transform";
import { describe, expect, it } from "vitest";
import { documentFromPlainText } from "./from-plain-text";
import { toPlainText } from "./plain-text";
import { messageSchema } from "./schema";
import { suggestingTransaction } from "./suggesting";
import {
  acceptedDocument,
  acceptedJson,
  acceptedPlainText,
  decideSuggestions,
  pendingSuggestions,
  suggestionsMatching,
  suggestReplace,
} from "./suggestion-marks";

const schema = messageSchema("EMAIL");
const legal = { id: "u-legal", function: "LEGAL" };
const compliance = { id: "u-compliance", function: "COMPLIANCE" };
const now = new Date("2027-03-01T09:00:00Z");

const stateOf = (text: string) =>
  EditorState.create({ schema, doc: documentFromPlainText(schema, text) });
const textOf = (doc: import("@tiptap/pm/model").Node) => toPlainText(doc).text;
const accepted = (doc: import("@tiptap/pm/model").Node) => textOf(acceptedDocument(doc));
/** Position in a one-paragraph document of a character offset. */
const at = (offset: number) => offset + 1;

/** The state after the person's own transaction, as Suggesting mode would apply it. */
function suggest(
  state: EditorState,
  author: typeof legal,
  edit: (tr: import("@tiptap/pm/state").Transaction) => void,
  selection?: [number, number],
) {
  let base = state;
  if (selection)
    base = state.apply(
      state.tr.setSelection(TextSelection.create(state.doc, selection[0], selection[1])),
    );
  const tr = base.tr;
  edit(tr);
  const rewritten = suggestingTransaction(base, tr, author, now);
  if (!rewritten) throw new Error("edit dropped");
  return base.apply(rewritten);
}

describe("suggesting", () => {
  it("turns typing into a suggested insertion; the accepted text does not change", () => {
    const start = stateOf("Please remit by Friday.");
    let state = suggest(start, legal, (tr) => tr.insertText("now ", at(7)));
    state = suggest(state, legal, (tr) => tr.insertText("!", at(11)));
    expect(textOf(state.doc)).toBe("Please now !remit by Friday.");
    expect(accepted(state.doc)).toBe("Please remit by Friday.");
    const [only, ...rest] = pendingSuggestions(state.doc);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      authorId: "u-legal",
      authorFunction: "LEGAL",
      createdAt: now.toISOString(),
      inserted: "now !",
      deleted: "",
    });
  });

  it("turns deletion into a suggested deletion whose text stays; backspacing on extends it", () => {
    let state = stateOf("Please remit by Friday.");
    // Backspace twice from after "by": the caret moves left over struck text.
    state = suggest(state, legal, (tr) => tr.delete(at(14), at(15)), [at(15), at(15)]);
    expect(state.selection.head).toBe(at(14));
    state = suggest(state, legal, (tr) => tr.delete(at(13), at(14)), [at(14), at(14)]);
    expect(textOf(state.doc)).toBe("Please remit by Friday.");
    expect(accepted(state.doc)).toBe("Please remit by Friday.");
    expect(pendingSuggestions(state.doc)).toMatchObject([{ deleted: "by", inserted: "" }]);
  });

  it("makes a replacement one suggestion with one id, and later typing joins it", () => {
    let state = suggest(
      stateOf("Please remit by Friday."),
      legal,
      (tr) => tr.insertText("p", at(7), at(12)),
      [at(7), at(12)],
    );
    state = suggest(state, legal, (tr) => tr.insertText("ay", state.selection.from));
    expect(textOf(state.doc)).toBe("Please remitpay by Friday.");
    expect(pendingSuggestions(state.doc)).toMatchObject([
      { authorFunction: "LEGAL", deleted: "remit", inserted: "pay" },
    ]);
    expect(accepted(state.doc)).toBe("Please remit by Friday.");
  });

  it("really removes your own pending insertion when you delete it, but only marks someone else's", () => {
    let state = suggest(stateOf("Pay now."), legal, (tr) => tr.insertText(" today", at(7)));
    expect(textOf(state.doc)).toBe("Pay now today.");
    state = suggest(state, legal, (tr) => tr.delete(at(7), at(13)));
    expect(textOf(state.doc)).toBe("Pay now.");
    expect(pendingSuggestions(state.doc)).toEqual([]);

    state = suggest(state, legal, (tr) => tr.insertText(" today", at(7)));
    state = suggest(state, compliance, (tr) => tr.delete(at(7), at(13)));
    expect(textOf(state.doc)).toBe("Pay now today.");
    expect(pendingSuggestions(state.doc).map((s) => [s.authorId, s.inserted, s.deleted])).toEqual([
      ["u-legal", " today", ""],
      ["u-compliance", "", " today"],
    ]);
  });

  it("drops edits that cannot be suggestions (splitting a paragraph) and passes remote ones", () => {
    const state = stateOf("One. Two.");
    const split = state.tr.split(at(4));
    expect(suggestingTransaction(state, split, legal, now)).toBeNull();
    const remote = state.tr.insertText("x", at(0)).setMeta("y-sync$", { isChangeOrigin: true });
    expect(suggestingTransaction(state, remote, legal, now)).toBe(remote);
  });
});

describe("deciding", () => {
  /** Legal replaces "remit" with "pay", compliance deletes " by Friday". */
  function twoSuggestions() {
    let state = suggest(
      stateOf("Please remit by Friday."),
      legal,
      (tr) => tr.insertText("pay", at(7), at(12)),
      [at(7), at(12)],
    );
    const byFriday = textOf(state.doc).indexOf(" by Friday");
    state = suggest(state, compliance, (tr) =>
      tr.delete(at(byFriday), at(byFriday + " by Friday".length)),
    );
    return state.doc;
  }
  const decide = (
    doc: import("@tiptap/pm/model").Node,
    which: ReturnType<typeof suggestionsMatching.all>,
    decision: "accept" | "reject",
  ) => decideSuggestions(new Transform(doc), which, decision).doc;

  it("accepts or rejects one suggestion, by author, by function or all, leaving the rest pending", () => {
    const doc = twoSuggestions();
    expect(textOf(doc)).toBe("Please remitpay by Friday.");
    const legalId = pendingSuggestions(doc).find((s) => s.authorId === "u-legal")!.id;

    const acceptedLegal = decide(doc, suggestionsMatching.one(legalId), "accept");
    expect(textOf(acceptedLegal)).toBe("Please pay by Friday.");
    expect(pendingSuggestions(acceptedLegal).map((s) => s.authorId)).toEqual(["u-compliance"]);

    expect(textOf(decide(doc, suggestionsMatching.byFunction("LEGAL"), "reject"))).toBe(
      "Please remit by Friday.",
    );
    expect(textOf(decide(doc, suggestionsMatching.byAuthor("u-compliance"), "accept"))).toBe(
      "Please remitpay.",
    );
    const all = decide(doc, suggestionsMatching.all(), "accept");
    expect(textOf(all)).toBe("Please pay.");
    expect(pendingSuggestions(all)).toEqual([]);
    const none = decide(doc, suggestionsMatching.all(), "reject");
    expect(none.eq(stateOf("Please remit by Friday.").doc)).toBe(true);
  });

  it("decides in one transaction (one undo step in the editor)", () => {
    const doc = twoSuggestions();
    const state = EditorState.create({ schema, doc });
    const tr = decideSuggestions(state.tr, suggestionsMatching.all(), "accept");
    expect(tr.docChanged).toBe(true);
    expect(textOf(state.apply(tr).doc)).toBe("Please pay.");
  });

  it("keeps a document without suggestions exactly as it is (so its hash does not move)", () => {
    const doc = stateOf("Pay $177.17 by 18 May.").doc;
    expect(acceptedDocument(doc)).toBe(doc);
    const json = doc.toJSON();
    expect(acceptedJson(schema, json)).toBe(json);
    expect(acceptedJson(schema, twoSuggestions().toJSON())).toEqual(
      stateOf("Please remit by Friday.").doc.toJSON(),
    );
  });

  it("works on a plain transform on the server, and with marks inside a suggestion", () => {
    const base = stateOf("Pay now.");
    const tr = new Transform(base.doc);
    suggestReplace(tr, at(4), at(7), "today", { author: legal, now, id: "fixed" });
    const doc = tr.addMark(at(4), at(6), schema.marks.bold!.create()).doc;
    expect(pendingSuggestions(doc)).toMatchObject([
      { id: "fixed", deleted: "now", inserted: "today" },
    ]);
    expect(textOf(decide(doc, suggestionsMatching.one("fixed"), "accept"))).toBe("Pay today.");
  });
});

describe("the accepted text for clarity", () => {
  it("reads the text as it stands and maps its offsets onto the live document", () => {
    let state = suggest(stateOf("Please utilise the portal by Friday."), legal, (tr) =>
      tr.insertText(" now", at(6)),
    );
    state = suggest(state, compliance, (tr) => tr.delete(at(29), at(36)));
    expect(textOf(state.doc)).toBe("Please now utilise the portal by Friday.");
    const plain = acceptedPlainText(state.doc);
    expect(plain.text).toBe("Please utilise the portal by Friday.");
    const start = plain.text.indexOf("utilise");
    const from = plain.toDocPos(start);
    const to = plain.toDocPos(start + "utilise".length, "end");
    expect(state.doc.textBetween(from, to)).toBe("utilise");
    expect(plain.toTextOffset(from)).toBe(start);
    // Text on both sides of the pending insertion: it is not part of the range.
    const whole = plain.toDocPos(plain.text.indexOf("Please utilise") + "Please".length, "end");
    expect(state.doc.textBetween(at(0), whole)).toBe("Please");
  });
});

describe("comment anchors and suggestions", () => {
  const threadsIn = (doc: import("@tiptap/pm/model").Node) => {
    const ids = new Set<string>();
    doc.descendants((node) => {
      for (const mark of node.marks)
        if (mark.type.name === "comment") ids.add(String(mark.attrs.threadId));
    });
    return ids;
  };
  /** "Please remit by Friday." with a thread on "remit", and legal's suggestion to delete it. */
  const commentedAndStruck = () => {
    const doc = documentFromPlainText(schema, "Please remit by Friday.");
    const commented = new Transform(doc).addMark(
      at(7),
      at(12),
      schema.marks.comment!.create({ threadId: "t1" }),
    ).doc;
    const tr = new Transform(commented);
    suggestReplace(tr, at(7), at(13), null, { author: legal, now });
    return tr.doc;
  };

  it("keeps a thread anchored while a suggestion to delete its text is pending, and after a rejection", () => {
    const struck = commentedAndStruck();
    expect(pendingSuggestions(struck)).toMatchObject([{ deleted: "remit " }]);
    expect(threadsIn(struck)).toEqual(new Set(["t1"]));
    const rejected = decideSuggestions(
      new Transform(struck),
      suggestionsMatching.all(),
      "reject",
    ).doc;
    expect(threadsIn(rejected)).toEqual(new Set(["t1"]));
    expect(textOf(rejected)).toBe("Please remit by Friday.");
  });

  it("lets the thread's text go once the deletion is accepted: the panel then reads 'text removed'", () => {
    const decided = decideSuggestions(
      new Transform(commentedAndStruck()),
      suggestionsMatching.all(),
      "accept",
    ).doc;
    expect(textOf(decided)).toBe("Please by Friday.");
    expect(threadsIn(decided).has("t1")).toBe(false);
  });
});
