import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { EditorState, TextSelection, type Transaction } from "@tiptap/pm/state";
import { Transform } from "@tiptap/pm/transform";
import { describe, expect, it } from "vitest";
import { documentFromPlainText } from "./from-plain-text";
import { toPlainText } from "./plain-text";
import { messageSchema } from "./schema";
import { suggestingTransaction } from "./suggesting";
import { suggestionOnlyChange } from "./suggestion-check";
import {
  acceptedDocument,
  acceptedJson,
  decidedDocument,
  FORMAT,
  hasSuggestions,
  pendingSuggestions,
  suggestionsMatching,
} from "./suggestion-marks";
import { describeProposedChange } from "./suggestion-words";

const schema = messageSchema("EMAIL");
const legal = { id: "u-legal", function: "LEGAL" };
const compliance = { id: "u-compliance", function: "COMPLIANCE" };
const now = new Date("2027-03-01T09:00:00Z");
const bold = schema.marks.bold!;
const italic = schema.marks.italic!;
const link = schema.marks.link!;

const stateOf = (doc: ProseMirrorNode) => EditorState.create({ schema, doc });
const docOf = (text: string) => documentFromPlainText(schema, text);
/** Position in a one-paragraph document of a character offset. */
const at = (offset: number) => offset + 1;
/** The document range of the first `words` in a one-paragraph document. */
const rangeOf = (doc: ProseMirrorNode, words: string): [number, number] => {
  const start = toPlainText(doc).text.indexOf(words);
  return [at(start), at(start + words.length)];
};

/** The state after the person's own transaction, as Suggesting mode would apply it. */
function suggest(
  state: EditorState,
  author: typeof legal,
  edit: (tr: Transaction) => void,
): EditorState {
  const tr = state.tr;
  edit(tr);
  const rewritten = suggestingTransaction(state, tr, author, now);
  if (!rewritten) throw new Error("edit dropped");
  return state.apply(rewritten);
}

/** Names of the formatting marks on the text `words` (the first piece of it). */
const formattingAt = (doc: ProseMirrorNode, words: string) => {
  const [from] = rangeOf(doc, words);
  return (doc.nodeAt(from)?.marks ?? [])
    .map((m) => m.type.name)
    .filter((name) => name === "bold" || name === "italic" || name === "link");
};

describe("formatting in Suggesting mode", () => {
  const start = () => stateOf(docOf("Please pay by 3 May or call us."));

  it("turns bold into a format suggestion: the accepted text and its hash do not change", () => {
    const before = start();
    const state = suggest(before, legal, (tr) =>
      tr.addMark(...rangeOf(before.doc, "pay by 3 May"), bold.create()),
    );
    // The text keeps its accepted formatting; the suggestion records the change.
    expect(formattingAt(state.doc, "pay by 3 May")).toEqual([]);
    expect(pendingSuggestions(state.doc)).toMatchObject([
      {
        authorId: "u-legal",
        authorFunction: "LEGAL",
        createdAt: now.toISOString(),
        inserted: "",
        deleted: "",
        format: { text: "pay by 3 May", add: ["bold"], remove: [] },
      },
    ]);
    expect(hasSuggestions(state.doc.toJSON())).toBe(true);
    expect(acceptedDocument(state.doc).eq(before.doc)).toBe(true);
    expect(acceptedJson(schema, state.doc.toJSON())).toEqual(before.doc.toJSON());
  });

  it("accepts (the text becomes bold, and the accepted document with it) or rejects (nothing changes)", () => {
    const before = start();
    const state = suggest(before, legal, (tr) =>
      tr.addMark(...rangeOf(before.doc, "pay by 3 May"), bold.create()),
    );
    const accepted = decidedDocument(state.doc, suggestionsMatching.all(), "accept");
    expect(formattingAt(accepted, "pay by 3 May")).toEqual(["bold"]);
    expect(formattingAt(accepted, "Please")).toEqual([]);
    expect(pendingSuggestions(accepted)).toEqual([]);
    // Accepting formatting changes what a version hashes.
    expect(acceptedJson(schema, accepted.toJSON())).not.toEqual(before.doc.toJSON());
    const rejected = decidedDocument(state.doc, suggestionsMatching.all(), "reject");
    expect(rejected.eq(before.doc)).toBe(true);
  });

  it("suggests taking formatting off, and restores it on rejection", () => {
    const formatted = new Transform(docOf("Please pay by 3 May."));
    formatted.addMark(...rangeOf(formatted.doc, "pay by 3 May"), bold.create());
    formatted.addMark(...rangeOf(formatted.doc, "pay"), italic.create());
    const before = stateOf(formatted.doc);
    const state = suggest(before, compliance, (tr) =>
      tr.removeMark(...rangeOf(before.doc, "pay by 3 May"), bold),
    );
    expect(formattingAt(state.doc, "pay")).toEqual(["bold", "italic"]);
    expect(pendingSuggestions(state.doc)).toMatchObject([
      { authorFunction: "COMPLIANCE", format: { text: "pay by 3 May", add: [], remove: ["bold"] } },
    ]);
    const accepted = decidedDocument(state.doc, suggestionsMatching.all(), "accept");
    expect(formattingAt(accepted, "pay")).toEqual(["italic"]);
    expect(formattingAt(accepted, "by 3 May")).toEqual([]);
    expect(decidedDocument(state.doc, suggestionsMatching.all(), "reject").eq(before.doc)).toBe(
      true,
    );
  });

  it("makes a link replacing another one suggestion", () => {
    const linked = new Transform(docOf("Pay online today."));
    linked.addMark(...rangeOf(linked.doc, "online"), link.create({ href: "https://old.example" }));
    const before = stateOf(linked.doc);
    const state = suggest(before, legal, (tr) =>
      tr.addMark(...rangeOf(before.doc, "online"), link.create({ href: "https://pay.example" })),
    );
    const [only, ...rest] = pendingSuggestions(state.doc);
    expect(rest).toEqual([]);
    expect(only?.format).toEqual({
      text: "online",
      add: ["link"],
      remove: [],
      href: "https://pay.example",
    });
    const accepted = decidedDocument(state.doc, suggestionsMatching.all(), "accept");
    const [from] = rangeOf(accepted, "online");
    expect(accepted.nodeAt(from)?.marks.find((m) => m.type === link)?.attrs.href).toBe(
      "https://pay.example",
    );
  });

  it("formats your own pending insertion for real, and leaves someone else's format suggestion theirs", () => {
    let state = suggest(start(), legal, (tr) => tr.insertText("today ", at(7)));
    state = suggest(state, legal, (tr) =>
      tr.addMark(...rangeOf(state.doc, "today"), bold.create()),
    );
    expect(formattingAt(state.doc, "today")).toEqual(["bold"]);
    expect(pendingSuggestions(state.doc)).toMatchObject([{ inserted: "today " }]);
    expect(pendingSuggestions(state.doc)[0]?.format).toBeUndefined();

    state = suggest(state, compliance, (tr) =>
      tr.addMark(...rangeOf(state.doc, "pay by"), italic.create()),
    );
    state = suggest(state, legal, (tr) =>
      tr.addMark(...rangeOf(state.doc, "pay by 3 May"), bold.create()),
    );
    const formats = pendingSuggestions(state.doc).filter((s) => s.format);
    expect(formats.map((s) => [s.authorId, s.format?.text, s.format?.add])).toEqual([
      ["u-compliance", "pay by", ["italic"]],
      ["u-legal", " 3 May", ["bold"]],
    ]);
    // Deciding by function touches only that function's formatting.
    const decided = decidedDocument(state.doc, suggestionsMatching.byFunction("LEGAL"), "accept");
    expect(formattingAt(decided, "today")).toEqual(["bold"]);
    expect(formattingAt(decided, "pay")).toEqual([]);
    expect(formattingAt(decided, " 3 May")).toEqual(["bold"]);
    expect(pendingSuggestions(decided).map((s) => s.authorId)).toEqual(["u-compliance"]);
  });

  it("decides formatting on someone's pending insertion with it: rejecting both leaves the text as it was", () => {
    let state = suggest(start(), legal, (tr) => tr.insertText("today ", at(7)));
    state = suggest(state, compliance, (tr) =>
      tr.addMark(...rangeOf(state.doc, "today"), bold.create()),
    );
    expect(pendingSuggestions(state.doc)).toHaveLength(2);
    expect(decidedDocument(state.doc, suggestionsMatching.all(), "reject").eq(start().doc)).toBe(
      true,
    );
    const accepted = decidedDocument(state.doc, suggestionsMatching.all(), "accept");
    expect(toPlainText(accepted).text).toBe("Please today pay by 3 May or call us.");
    expect(formattingAt(accepted, "today")).toEqual(["bold"]);
  });
});

describe("merge fields in Suggesting mode", () => {
  const field = schema.nodes.mergeField!.create({
    key: "due_date",
    label: "Due date",
    sample: "18 May 2027",
  });

  it("inserts a merge field as a suggested insertion that accepting keeps and rejecting removes", () => {
    const before = stateOf(docOf("Please pay by ."));
    const state = suggest(before, compliance, (tr) => tr.insert(at(14), field));
    expect(acceptedDocument(state.doc).eq(before.doc)).toBe(true);
    const [only] = pendingSuggestions(state.doc);
    expect(only).toMatchObject({ inserted: "{{due_date}}", deleted: "" });
    expect(describeProposedChange(only!)).toBe("inserting {due date}");
    const accepted = decidedDocument(state.doc, suggestionsMatching.all(), "accept");
    expect(toPlainText(accepted, { mergeFields: "sample" }).text).toBe(
      "Please pay by 18 May 2027.",
    );
    expect(decidedDocument(state.doc, suggestionsMatching.all(), "reject").eq(before.doc)).toBe(
      true,
    );
  });

  it("keeps a field's suggestion in its attributes (the shared document keeps marks on text only), which the server's check reads", () => {
    const before = docOf("Please pay by .");
    const state = suggest(stateOf(before), compliance, (tr) => tr.insert(at(14), field));
    const node = state.doc.nodeAt(at(14))!;
    expect(node.marks).toEqual([]);
    expect(node.attrs).toMatchObject({
      key: "due_date",
      suggested: "insertion",
      suggestionAuthorId: "u-compliance",
      suggestionFunction: "COMPLIANCE",
    });
    const member = { id: "u-compliance", functions: ["COMPLIANCE"] };
    expect(suggestionOnlyChange(before, state.doc, member)).toBeNull();
    const direct = new Transform(before).insert(at(14), field).doc;
    expect(suggestionOnlyChange(before, direct, member)).toMatch(/changes the text itself/);
    // Swapping someone else's suggested field for another is changing their suggestion.
    const swapped = new Transform(state.doc).setNodeAttribute(at(14), "key", "amount").doc;
    expect(
      suggestionOnlyChange(state.doc, swapped, { id: "u-legal", functions: ["LEGAL"] }),
    ).toMatch(/Only the person/);
    expect(hasSuggestions(state.doc.toJSON())).toBe(true);
    expect(acceptedJson(schema, state.doc.toJSON())).toEqual(before.toJSON());
  });

  it("deletes a merge field as a suggested deletion; swapping one is a replacement", () => {
    const withField = new Transform(docOf("Pay by  please.")).insert(at(7), field).doc;
    const before = stateOf(withField);
    const struck = suggest(before, legal, (tr) => tr.delete(at(7), at(8)));
    expect(pendingSuggestions(struck.doc)).toMatchObject([
      { inserted: "", deleted: "{{due_date}}" },
    ]);
    expect(describeProposedChange(pendingSuggestions(struck.doc)[0]!)).toBe("removing {due date}");
    const amount = schema.nodes.mergeField!.create({
      key: "amount",
      label: "Amount",
      sample: "$1",
    });
    const swapped = suggest(
      before.apply(before.tr.setSelection(TextSelection.create(before.doc, at(7), at(8)))),
      legal,
      (tr) => tr.replaceSelectionWith(amount),
    );
    const [swap] = pendingSuggestions(swapped.doc);
    expect(describeProposedChange(swap!)).toBe("replacing {due date} with {amount}");
    const accepted = decidedDocument(swapped.doc, suggestionsMatching.all(), "accept");
    expect(toPlainText(accepted, { mergeFields: "placeholder" }).text).toBe(
      "Pay by {{amount}} please.",
    );
  });
});

describe("the collaboration server's check of formatting", () => {
  const member = { id: "u-legal", functions: ["LEGAL"] };
  const before = docOf("Please pay by 3 May.");

  it("takes a suggesting member's format suggestion and refuses their direct formatting", () => {
    const suggested = suggest(stateOf(before), legal, (tr) =>
      tr.addMark(...rangeOf(before, "pay"), bold.create()),
    ).doc;
    expect(suggestionOnlyChange(before, suggested, member)).toBeNull();
    const direct = new Transform(before).addMark(...rangeOf(before, "pay"), bold.create()).doc;
    expect(suggestionOnlyChange(before, direct, member)).toMatch(/changes the text itself/);
  });

  it("refuses changing someone else's format suggestion or formatting their insertion directly", () => {
    const theirs = suggest(stateOf(before), compliance, (tr) =>
      tr.addMark(...rangeOf(before, "pay"), bold.create()),
    ).doc;
    const [from, to] = rangeOf(theirs, "pay");
    const swapped = new Transform(theirs).addMark(
      from,
      to,
      schema.marks[FORMAT]!.create({
        ...theirs.nodeAt(from)!.marks.find((m) => m.type.name === FORMAT)!.attrs,
        add: [{ type: "italic" }],
      }),
    ).doc;
    expect(suggestionOnlyChange(theirs, swapped, member)).toMatch(/Only the person/);

    const inserted = suggest(stateOf(before), compliance, (tr) => tr.insertText("now ", at(7))).doc;
    const boldened = new Transform(inserted).addMark(
      ...rangeOf(inserted, "now"),
      bold.create(),
    ).doc;
    expect(suggestionOnlyChange(inserted, boldened, member)).toMatch(/Only the person/);
    // As a suggestion of their own, it is allowed.
    const suggested = suggest(stateOf(inserted), legal, (tr) =>
      tr.addMark(...rangeOf(inserted, "now"), bold.create()),
    ).doc;
    expect(suggestionOnlyChange(inserted, suggested, member)).toBeNull();
  });

  it("refuses a format suggestion that would add a suggestion mark or a comment, or nothing", () => {
    const [from, to] = rangeOf(before, "pay");
    const forged = (add: unknown[], remove: unknown[]) =>
      new Transform(before).addMark(
        from,
        to,
        schema.marks[FORMAT]!.create({
          id: "forged",
          authorId: "u-legal",
          authorFunction: "LEGAL",
          createdAt: now.toISOString(),
          add,
          remove,
        }),
      ).doc;
    for (const [add, remove] of [
      [[{ type: "suggestedInsertion" }], []],
      [[], ["comment"]],
      [[{ type: "nonsense" }], []],
      [[], []],
    ] as const)
      expect(suggestionOnlyChange(before, forged([...add], [...remove]), member)).toMatch(
        /can only add or remove formatting/,
      );
    expect(suggestionOnlyChange(before, forged([{ type: "italic" }], []), member)).toBeNull();
  });
});

describe("naming a proposed change", () => {
  it("says what a format suggestion would do", () => {
    const words = (format: { add: string[]; remove: string[]; href?: string }) =>
      describeProposedChange({
        inserted: "",
        deleted: "",
        format: { text: "pay by 3 May", ...format },
      });
    expect(words({ add: ["bold"], remove: [] })).toBe("making ‘pay by 3 May’ bold");
    expect(words({ add: ["bold", "italic"], remove: [] })).toBe(
      "making ‘pay by 3 May’ bold and italic",
    );
    expect(words({ add: [], remove: ["italic"] })).toBe("making ‘pay by 3 May’ not italic");
    expect(words({ add: ["link"], remove: [], href: "https://pay.example" })).toBe(
      "linking ‘pay by 3 May’ to https://pay.example",
    );
    expect(words({ add: [], remove: ["link"] })).toBe("removing the link from ‘pay by 3 May’");
    expect(
      describeProposedChange(
        { inserted: "", deleted: "", format: { text: "pay", add: ["bold", "link"], remove: [] } },
        80,
        "done",
      ),
    ).toBe("made ‘pay’ bold and linked it to an address");
    expect(describeProposedChange({ inserted: "by {{due_date}}", deleted: "" })).toBe(
      "adding ‘by {due date}’",
    );
  });
});
