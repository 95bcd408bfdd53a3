import { messageSchema, toPlainText } from "@conductor/editor";
import { analyze, createAnalyzer } from "@conductor/rules";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  analyzerOptions,
  blocksOfDocument,
  messageFields,
  type ScoringContext,
  scoreDocument,
} from "./index";
import { applyRuleSetChange } from "./rule-set";

const text = (value: string) => ({ type: "text", text: value });
const paragraph = (...parts: object[]) => ({ type: "paragraph", content: parts });
const heading = (value: string) => ({
  type: "heading",
  attrs: { level: 2 },
  content: [text(value)],
});
const list = (items: string[]) => ({
  type: "bulletList",
  content: items.map((item) => ({ type: "listItem", content: [paragraph(text(item))] })),
});

const letter: ScoringContext = {
  channel: "LETTER",
  subject: "",
  preheader: "",
  brief: null,
  personaGrade: null,
  minimumScore: 70,
  ruleSet: null,
};

/**
 * An organisation's rule set far from the defaults: rules off and raised,
 * weights and thresholds moved, its own phrases — as an admin or the
 * Evidence page could adopt it, through the same change function.
 */
const organisationRules = applyRuleSetChange(
  {},
  {
    rules: {
      "readability.long-sentence": { severity: "error" },
      "plain.passive-voice": { enabled: false },
      "readability.long-paragraph": { enabled: false },
    },
    weights: { readability: 0.2, tone: 0.5 },
    thresholds: { maxSentenceWords: 8 },
    bannedPhrases: [{ phrase: "take payment", replacement: "collect" }],
  },
);

/** The live panel's path: the editor's document, its blocks, the incremental analyzer. */
function live(json: object, context: ScoringContext) {
  const doc = messageSchema(context.channel).nodeFromJSON(json);
  const blocks = toPlainText(doc, { mergeFields: "sample" }).blocks;
  return createAnalyzer(analyzerOptions(context)).analyze({ blocks }, messageFields(context));
}

const sentence = fc
  .array(
    fc.constantFrom("your", "bill", "is", "ready", "we", "will", "take", "payment", "on", "Friday"),
    {
      minLength: 2,
      maxLength: 40,
    },
  )
  .map((words) => `${words.join(" ")}.`);

const block = fc.oneof(
  sentence.map((s) => heading(s.replace(/\.$/, ""))),
  fc.array(sentence, { minLength: 1, maxLength: 3 }).map((s) => paragraph(text(s.join(" ")))),
  fc.tuple(sentence, sentence).map(([a, b]) => paragraph(text(a), { type: "hardBreak" }, text(b))),
  fc.array(sentence, { minLength: 1, maxLength: 4 }).map(list),
);

describe("one scoring path", () => {
  it("the frozen score equals the live one for documents with headings, lists and breaks", () => {
    fc.assert(
      fc.property(
        fc.array(block, { minLength: 1, maxLength: 8 }),
        fc.constantFrom("LETTER", "EMAIL", "EBILL") as fc.Arbitrary<ScoringContext["channel"]>,
        fc.constantFrom(null, organisationRules),
        (content, channel, ruleSet) => {
          const json = { type: "doc", content };
          const context = { ...letter, channel, subject: "Your bill", ruleSet };
          const frozen = scoreDocument(json, context);
          const onScreen = live(json, context);
          expect(frozen.score).toBe(onScreen.score);
          expect(frozen.findings.map((f) => [f.ruleId, f.start, f.end, f.severity])).toEqual(
            onScreen.findings.map((f) => [f.ruleId, f.start, f.end, f.severity]),
          );
          expect(frozen.rulesVersion).toBe(onScreen.rulesVersion);
        },
      ),
      { numRuns: 150, seed: 20261201 },
    );
  });

  it("the organisation's rule set changes the score, the findings and the rules version", () => {
    const json = {
      type: "doc",
      content: [
        paragraph(
          text(
            "The payment was taken by us on Friday. We will take payment from your account again at the start of next month.",
          ),
        ),
      ],
    };
    const defaults = scoreDocument(json, letter);
    const adopted = scoreDocument(json, { ...letter, ruleSet: organisationRules });
    const ids = (r: typeof defaults) => r.findings.map((f) => f.ruleId);
    expect(ids(defaults)).toContain("plain.passive-voice");
    expect(ids(adopted)).not.toContain("plain.passive-voice");
    expect(ids(adopted)).toContain("plain.banned-phrase");
    expect(
      adopted.findings
        .filter((f) => f.ruleId === "readability.long-sentence")
        .map((f) => f.severity),
    ).toEqual(["error"]);
    expect(adopted.rulesVersion).not.toBe(defaults.rulesVersion);
    expect(adopted).toEqual(live(json, { ...letter, ruleSet: organisationRules }));
  });

  it("a subject typed live scores as submission freezes it, with no paragraph analysed again", () => {
    const json = {
      type: "doc",
      content: [
        heading("Your bill"),
        paragraph(text("Your bill for March is £42.10. We will take it on Friday.")),
        list(["Call us on 0800 123 4567.", "Or reply to this email."]),
      ],
    };
    const email: ScoringContext = { ...letter, channel: "EMAIL" };
    const analyzer = createAnalyzer(analyzerOptions(email));
    const blocks = blocksOfDocument(json, "EMAIL");
    const subjects = [
      "",
      "Y",
      "Your bill",
      "Your bill for March is ready and we will take it on Friday",
    ];
    for (const [keystroke, subject] of subjects.entries()) {
      const context = { ...email, subject, preheader: subject.slice(0, 5) };
      expect(analyzer.analyze({ blocks }, messageFields(context))).toEqual(
        scoreDocument(json, context),
      );
      if (keystroke === 0) expect(analyzer.analysedBlocks).toBe(blocks.length);
    }
    expect(analyzer.analysedBlocks).toBe(blocks.length);
    // Not on a letter: it has no subject line for the rules to read.
    expect(messageFields({ ...letter, subject: "Ignored" })).toEqual({});
  });

  it("a long heading stays a heading when frozen (scoring the plain text split it by guesswork)", () => {
    const json = {
      type: "doc",
      content: [
        heading(
          "Important information about the changes we are making to the way your monthly direct debit payment for gas and electricity is collected from your bank account from the first of March next year onwards",
        ),
        paragraph(
          text("From March we will take your payment on the 5th. You do not need to do anything."),
        ),
      ],
    };
    const frozen = scoreDocument(json, letter);
    expect(frozen.score).toBe(live(json, letter).score);
    expect(blocksOfDocument(json, "LETTER").map((b) => b.kind)).toEqual(["heading", "paragraph"]);
    // The old path: the same words as text, with the heading's kind lost.
    const fromText = analyze(toPlainText(messageSchema("LETTER").nodeFromJSON(json)).text, {
      channel: "LETTER",
    });
    expect(fromText.findings.map((f) => f.ruleId)).toContain("readability.long-sentence");
    expect(frozen.findings.map((f) => f.ruleId)).not.toContain("readability.long-sentence");
  });

  it("caps a missing must-say fact below the organisation's own gate, live and frozen alike", () => {
    const json = { type: "doc", content: [paragraph(text("Your bill is ready. Thank you."))] };
    const context: ScoringContext = {
      ...letter,
      minimumScore: 85,
      brief: {
        desiredOutcome: "Knows the amount",
        action: null,
        tone: { style: "transactional", warmth: 3, formality: 3, urgency: 2 },
        personaId: null,
        journeyStage: null,
        mustSay: [{ text: "£42.10", owner: null }],
        likelyQuestions: [],
        readingGradeTarget: null,
        channelLimits: { maxSmsSegments: null },
      } as never,
    };
    const frozen = scoreDocument(json, context);
    expect(frozen.score).toBeLessThan(85);
    expect(frozen.score).toBe(live(json, context).score);
  });
});
