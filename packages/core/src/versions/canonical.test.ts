import {
  decidedDocument,
  documentFromPlainText,
  formatSuggestedDocument,
  messageSchema,
  suggestedDocument,
  suggestionsMatching,
} from "@conductor/editor";
import { describe, expect, it } from "vitest";
import { scoreDocument } from "../scoring";
import { canonicalJson, canonicallyEqual, contentHash, versionHash } from "./canonical";

const schema = messageSchema("EMAIL");
const paragraph = (text: string) => documentFromPlainText(schema, text);
const legal = { author: { id: "u-legal", function: "LEGAL" }, now: new Date("2027-01-01") };
const hashOf = (doc: ReturnType<typeof paragraph>) => versionHash({ json: doc.toJSON() });

/** "remit" → "pay" suggested by legal, on "Please remit by Friday." */
const withSuggestion = () =>
  suggestedDocument(paragraph("Please remit by Friday."), 8, 13, "pay", { ...legal, id: "s1" });

describe("version hashes and suggestions", () => {
  it("hashes a document without suggestions exactly as before suggestions existed", () => {
    const json = paragraph("We received your payment of $177.17.").toJSON();
    // The formula as it was: the stored JSON itself, and one hash pinned from before.
    expect(versionHash({ json, subject: "Paid" })).toBe(
      contentHash({ document: json, subject: "Paid", preheader: "" }),
    );
    expect(hashOf(paragraph("Pay now."))).toBe(
      "d15c2f5f6d4bebf52369f8ee1ac2566b25792d247206697dec5aac83a90c7d56",
    );
  });

  it("leaves pending suggestions outside the hash; accepting one changes it, rejecting does not", () => {
    const original = paragraph("Please remit by Friday.");
    const suggested = withSuggestion();
    expect(suggested.eq(original)).toBe(false);
    expect(hashOf(suggested)).toBe(hashOf(original));

    const accepted = decidedDocument(suggested, suggestionsMatching.one("s1"), "accept");
    expect(hashOf(accepted)).toBe(hashOf(paragraph("Please pay by Friday.")));
    expect(hashOf(accepted)).not.toBe(hashOf(original));
    expect(hashOf(decidedDocument(suggested, suggestionsMatching.all(), "reject"))).toBe(
      hashOf(original),
    );
  });

  it("hashes formatting: a pending format suggestion leaves the hash, accepting it moves it", () => {
    const original = paragraph("Please pay by 3 May.");
    const bold = schema.marks.bold!.create();
    const suggested = formatSuggestedDocument(
      original,
      8,
      20,
      { add: bold },
      { ...legal, id: "f1" },
    );
    expect(suggested.eq(original)).toBe(false);
    expect(hashOf(suggested)).toBe(hashOf(original));
    const accepted = decidedDocument(suggested, suggestionsMatching.one("f1"), "accept");
    expect(accepted.nodeAt(8)?.marks.map((m) => m.type.name)).toEqual(["bold"]);
    expect(hashOf(accepted)).not.toBe(hashOf(original));
    expect(hashOf(decidedDocument(suggested, suggestionsMatching.all(), "reject"))).toBe(
      hashOf(original),
    );
  });

  it("leaves a pending merge field outside the hash until it is accepted", () => {
    const original = paragraph("Please pay by .");
    const field = schema.nodes.mergeField!.create({ key: "due_date", label: "Due date" });
    const suggested = suggestedDocument(original, 15, 15, field, { ...legal, id: "m1" });
    expect(suggested.eq(original)).toBe(false);
    expect(hashOf(suggested)).toBe(hashOf(original));
    const accepted = decidedDocument(suggested, suggestionsMatching.one("m1"), "accept");
    expect(accepted.nodeAt(15)?.attrs).toMatchObject({ key: "due_date", suggested: null });
    expect(hashOf(accepted)).not.toBe(hashOf(original));
  });

  it("scores the text as it stands, not the pending suggestion", () => {
    const context = {
      channel: "EMAIL" as const,
      subject: "",
      preheader: "",
      brief: null,
      personaGrade: null,
      minimumScore: 70,
      ruleSet: null,
    };
    const long =
      "Notwithstanding the aforementioned considerations pertaining to remittance obligations, customers shall endeavour to effectuate settlement expeditiously.";
    const plain = paragraph("Please pay by Friday.");
    const suggested = suggestedDocument(plain, 1, 22, long, { ...legal, id: "s2" });
    const plainScore = scoreDocument(plain.toJSON(), context);
    expect(scoreDocument(suggested.toJSON(), context)).toEqual(plainScore);
    const accepted = decidedDocument(suggested, suggestionsMatching.all(), "accept");
    expect(scoreDocument(accepted.toJSON(), context).score).toBeLessThan(plainScore.score);
  });
});

describe("canonicallyEqual", () => {
  it("says two values are equal exactly when their canonical JSON is", () => {
    const suggested = withSuggestion().toJSON();
    const values: unknown[] = [
      null,
      undefined,
      0,
      -0,
      1,
      Number.NaN,
      "null",
      "",
      "a",
      true,
      false,
      [],
      {},
      [null],
      [undefined],
      [1, 2],
      [2, 1],
      { a: 1 },
      { a: 1, b: undefined },
      { b: undefined, a: 1 },
      { a: undefined },
      { a: null },
      { a: { b: [1, { c: "d" }] } },
      { a: { b: [1, { c: "e" }] } },
      { a: 1, b: 2 },
      { b: 2, a: 1 },
      { a: () => 1 },
      { b: 1 },
      new Date(0),
      suggested,
      JSON.parse(JSON.stringify(suggested)),
      // The same document with every object's keys in reverse order.
      JSON.parse(JSON.stringify(suggested), (_key, value) =>
        value && typeof value === "object" && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).reverse())
          : value,
      ),
      paragraph("Please remit by Friday.").toJSON(),
    ];
    let equalPairs = 0;
    for (const a of values)
      for (const b of values) {
        const same = canonicalJson(a) === canonicalJson(b);
        if (same && a !== b) equalPairs++;
        expect(canonicallyEqual(a, b), `${canonicalJson(a)} vs ${canonicalJson(b)}`).toBe(same);
      }
    // Equal pairs of distinct values were among them (key order, undefined keys, -0).
    expect(equalPairs).toBeGreaterThan(6);
  });
});
