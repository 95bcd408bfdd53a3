import { analyze } from "@conductor/rules";
import type { Node as ProseMirrorNode } from "@tiptap/pm/model";
import { EditorState } from "@tiptap/pm/state";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toPlainText } from "./plain-text";
import { messageSchema } from "./schema";
import { applySuggestion } from "./suggestions";

const email = messageSchema("EMAIL");
const text = (value: string, marks: { type: string; attrs?: Record<string, unknown> }[] = []) => ({
  type: "text",
  text: value,
  marks,
});
const field = (key: string, sample: string) => ({
  type: "mergeField",
  attrs: { key, label: key, sample },
});
const paragraph = (...content: object[]) => ({ type: "paragraph", content });

const letter = email.nodeFromJSON({
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [text("Your payment")] },
    paragraph(text("Dear "), field("first_name", "Sam"), text(",")),
    paragraph(
      text("Your payment for "),
      field("amount", "$177.17"),
      text(" was received", [{ type: "bold" }]),
      text(" pursuant to the "),
      text("terms", [{ type: "link", attrs: { href: "https://harbour.example/terms" } }]),
      text("."),
      { type: "hardBreak" },
      text("Please remit the balance."),
    ),
    {
      type: "bulletList",
      content: [
        { type: "listItem", content: [paragraph(text("Call us on 0800 555 0100."))] },
        { type: "listItem", content: [paragraph(text("Reply to this email."))] },
      ],
    },
  ],
});

/** The document text between two positions, with merge fields as their samples. */
const docText = (doc: ProseMirrorNode, from: number, to: number) =>
  doc.textBetween(from, to, "\n\n", (leaf) =>
    leaf.type.name === "mergeField"
      ? String(leaf.attrs.sample)
      : leaf.type.name === "hardBreak"
        ? "\n"
        : "",
  );

describe("document → plain text", () => {
  it("gives one block per paragraph, heading and list item, with merge fields filled in", () => {
    const plain = toPlainText(letter);
    expect(plain.text).toBe(
      "Your payment\n\nDear Sam,\n\nYour payment for $177.17 was received pursuant to the terms.\nPlease remit the balance.\n\nCall us on 0800 555 0100.\n\nReply to this email.",
    );
    expect(plain.blocks.map((b) => b.kind)).toEqual([
      "heading",
      "paragraph",
      "paragraph",
      "listItem",
      "listItem",
    ]);
    for (const block of plain.blocks)
      expect(plain.text.slice(block.start, block.start + block.text.length)).toBe(block.text);
    expect(toPlainText(letter, { mergeFields: "placeholder" }).blocks[1]!.text).toBe(
      "Dear {{first_name}},",
    );
  });

  it("maps every clarity finding back onto exactly the document text it names", () => {
    const plain = toPlainText(letter);
    const result = analyze({ blocks: plain.blocks }, { channel: "EMAIL" });
    const spans = result.findings.filter((f) => f.end > f.start && !f.field);
    expect(spans.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(["plain.passive-voice", "plain.legalese"]),
    );
    for (const finding of spans) {
      const from = plain.toDocPos(finding.start);
      const to = plain.toDocPos(finding.end, "end");
      expect(docText(letter, from, to)).toBe(finding.actual);
    }
  });

  it("applies a suggestion in one step at the mapped range, keeping the rest", () => {
    const plain = toPlainText(letter);
    const finding = analyze({ blocks: plain.blocks }).findings.find((f) => f.actual === "remit")!;
    const state = EditorState.create({ doc: letter });
    const next = state.apply(applySuggestion(state, plain, finding, finding.suggestions[0]!));
    const after = toPlainText(next.doc).text;
    expect(after).toContain("Please pay the balance.");
    expect(after.replace("Please pay the balance.", "Please remit the balance.")).toBe(plain.text);
  });

  it("maps positions to offsets and back inside text, and atoms to their edges", () => {
    const plain = toPlainText(letter);
    const amount = plain.text.indexOf("$177.17");
    const atom = plain.toDocPos(amount);
    expect(letter.nodeAt(atom)!.type.name).toBe("mergeField");
    expect(plain.toTextOffset(atom)).toBe(amount);
    expect(plain.toTextOffset(atom + 1)).toBe(amount + "$177.17".length);
    const word = plain.text.indexOf("pursuant");
    expect(plain.toTextOffset(plain.toDocPos(word))).toBe(word);
  });

  it("round-trips offsets inside text for any document of paragraphs and fields", () => {
    const piece = fc.oneof(
      fc
        .string({ minLength: 1, maxLength: 12 })
        .filter((s) => !/[\n\r]/.test(s))
        .map((s) => text(s)),
      fc.constantFrom(field("amount", "$5"), field("first_name", "Sam"), { type: "hardBreak" }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(piece, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        (paragraphs) => {
          const doc = email.nodeFromJSON({
            type: "doc",
            content: paragraphs.map((content) => paragraph(...content)),
          });
          const plain = toPlainText(doc);
          plain.blocks.forEach((block) => {
            for (let i = 0; i < block.text.length; i++) {
              const offset = block.start + i;
              const pos = plain.toDocPos(offset);
              const node = doc.nodeAt(pos);
              if (node?.isText) expect(plain.toTextOffset(pos)).toBe(offset);
              expect(docText(doc, pos, plain.toDocPos(offset + 1, "end")).length).toBeGreaterThan(
                0,
              );
            }
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("channels", () => {
  it("SMS carries plain text only: no headings, lists or formatting", () => {
    const sms = messageSchema("SMS");
    expect(() =>
      sms.nodeFromJSON({
        type: "doc",
        content: [{ type: "heading", attrs: { level: 2 }, content: [text("Hi")] }],
      }),
    ).toThrow();
    expect(sms.marks.bold).toBeUndefined();
    expect(sms.nodes.mergeField).toBeDefined();
    expect(email.nodes.bulletList).toBeDefined();
  });
});
