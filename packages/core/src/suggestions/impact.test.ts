import {
  acceptedPlainText,
  decidedDocument,
  documentFromPlainText,
  formatSuggestedDocument,
  messageSchema,
  pendingSuggestions,
  suggestedDocument,
  suggestionsMatching,
  toPlainText,
} from "@conductor/editor";
import { createAnalyzer } from "@conductor/rules";
import { describe, expect, it } from "vitest";
import { analyzerOptions } from "../scoring";
import { acceptingImpact, findingChange } from "./impact";

const schema = messageSchema("EMAIL");
const options = analyzerOptions({
  channel: "EMAIL",
  brief: null,
  personaGrade: null,
  minimumScore: 70,
  ruleSet: null,
});
const fields = { subject: "Your payment", preheader: "" };

/** `words` suggested in place of the first `target`, by `author`. */
function suggest(
  doc: ReturnType<typeof documentFromPlainText>,
  target: string,
  words: string,
  author: string,
) {
  const plain = toPlainText(doc);
  const at = plain.text.indexOf(target);
  return suggestedDocument(
    doc,
    plain.toDocPos(at),
    plain.toDocPos(at + target.length, "end"),
    words,
    {
      author: { id: author, function: author.toUpperCase() },
    },
  );
}

describe("what accepting suggestions would change", () => {
  it("scores the text with the suggestions accepted and counts the findings fixed and added", () => {
    let doc = documentFromPlainText(
      schema,
      "Please utilise the portal to pay. We will endeavour to reply soon.",
    );
    doc = suggest(doc, "utilise", "use", "legal");
    doc = suggest(doc, "soon", "at the earliest possible juncture", "compliance");
    const live = createAnalyzer(options);
    const current = live.analyze(
      { blocks: acceptedPlainText(doc, { mergeFields: "sample" }).blocks },
      fields,
    );
    const ruled = (actual: string) => current.findings.some((f) => f.actual === actual);
    expect(ruled("utilise")).toBe(true);

    const whatIf = createAnalyzer(options);
    const legal = acceptingImpact(
      whatIf,
      fields,
      doc,
      current,
      suggestionsMatching.byFunction("LEGAL"),
    );
    expect(legal).toMatchObject({ scoreBefore: current.score, fixes: 1, adds: 0 });
    expect(legal.scoreAfter).toBeGreaterThanOrEqual(legal.scoreBefore);

    // Compliance's wordier phrase brings a finding in instead.
    const compliance = acceptingImpact(
      whatIf,
      fields,
      doc,
      current,
      suggestionsMatching.byFunction("COMPLIANCE"),
    );
    expect(compliance.adds).toBeGreaterThan(0);
    expect(compliance.scoreAfter).toBeLessThanOrEqual(compliance.scoreBefore);

    // The document itself is untouched: both suggestions still pend.
    expect(pendingSuggestions(doc)).toHaveLength(2);
  });

  it("scores formatting and merge-field suggestions too: bold moves no score, a field is scored as its sample", () => {
    const base = documentFromPlainText(schema, "Please pay your bill by the due date.");
    const plain = toPlainText(base);
    const start = plain.text.indexOf("by the due date");
    const formatted = formatSuggestedDocument(
      base,
      plain.toDocPos(start),
      plain.toDocPos(start + "by the due date".length, "end"),
      { add: schema.marks.bold!.create() },
      { author: { id: "legal", function: "LEGAL" } },
    );
    const end = plain.toDocPos(plain.text.length - 1, "end");
    const field = schema.nodes.mergeField!.create({
      key: "due_date",
      label: "Due date",
      sample: "18 May 2027",
    });
    const doc = suggestedDocument(formatted, end, end, field, {
      author: { id: "compliance", function: "COMPLIANCE" },
    });
    const current = createAnalyzer(options).analyze(
      { blocks: acceptedPlainText(doc, { mergeFields: "sample" }).blocks },
      fields,
    );
    const whatIf = createAnalyzer(options);
    const bold = acceptingImpact(
      whatIf,
      fields,
      doc,
      current,
      suggestionsMatching.byFunction("LEGAL"),
    );
    expect(bold).toEqual({
      scoreBefore: current.score,
      scoreAfter: current.score,
      fixes: 0,
      adds: 0,
    });
    // Accepting the field scores the text with its sample filled in.
    const accepted = decidedDocument(doc, suggestionsMatching.byFunction("COMPLIANCE"), "accept");
    expect(acceptedPlainText(accepted, { mergeFields: "sample" }).text).toContain("18 May 2027");
    const withField = acceptingImpact(
      whatIf,
      fields,
      doc,
      current,
      suggestionsMatching.byFunction("COMPLIANCE"),
    );
    expect(withField.scoreAfter).toBe(
      createAnalyzer(options).analyze(
        { blocks: acceptedPlainText(accepted, { mergeFields: "sample" }).blocks },
        fields,
      ).score,
    );
  });

  it("counts findings rule by rule, repeats included", () => {
    const f = (ruleId: string) => ({ ruleId, actual: ruleId }) as never;
    expect(findingChange([f("a"), f("a"), f("b")], [f("a"), f("c")])).toEqual({
      fixes: 2,
      adds: 1,
    });
    expect(findingChange([], [])).toEqual({ fixes: 0, adds: 0 });
  });
});
