import { describe, expect, it } from "vitest";
import { documentFromPlainText } from "./from-plain-text";
import { toPlainText } from "./plain-text";
import { messageSchema } from "./schema";

describe("documentFromPlainText", () => {
  const schema = messageSchema("LETTER");

  it("makes a paragraph per block and merge fields of known {{keys}}", () => {
    const doc = documentFromPlainText(
      schema,
      "Dear {{first_name}},\n\nYou owe {{amount}} by {{ due_date }}.\n\n\n",
    );
    expect(doc.childCount).toBe(2);
    const fields: string[] = [];
    doc.descendants((node) => {
      if (node.type.name === "mergeField") fields.push(node.attrs.key);
    });
    expect(fields).toEqual(["first_name", "amount", "due_date"]);
    expect(toPlainText(doc, { mergeFields: "sample" }).text).toBe(
      "Dear Sam,\n\nYou owe $177.17 by 18 May 2027.",
    );
  });

  it("keeps unknown {{keys}} as text, and an empty body as one empty paragraph", () => {
    expect(toPlainText(documentFromPlainText(schema, "Hi {{nickname}}")).text).toBe(
      "Hi {{nickname}}",
    );
    const empty = documentFromPlainText(schema, "  ");
    expect(empty.childCount).toBe(1);
    expect(empty.textContent).toBe("");
  });
});
