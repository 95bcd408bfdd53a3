import { describe, expect, it } from "vitest";
import { analyze } from "../index";
import { readSharedJson } from "../testing/shared-data";
import { type Counts, emptyCounts } from "./counts";
import * as f from "./formulas";

interface TextstatVectors {
  texts: Record<string, string>;
  expected: Record<string, { rows: { text?: { $text: string } | string; expected?: number }[] }>;
}

describe("formulas from counts (wooorm's published vectors)", () => {
  const vectors = readSharedJson<{
    formulaFromCounts: { formula: string; counts: Record<string, number>; expected: number }[];
  }>("readability/js-formula-test-vectors.json");
  const counts = (c: Record<string, number>): Counts => ({
    ...emptyCounts(),
    sentences: c.sentence ?? 0,
    words: c.word ?? 0,
    syllables: c.syllable ?? 0,
    letters: c.letter ?? 0,
    characters: c.character ?? 0,
    polysyllables: c.polysillabicWord ?? 0,
    complexWords: c.complexPolysillabicWord ?? 0,
    unfamiliarWords: c.difficultWord ?? 0,
  });
  const implemented: Record<string, (c: Counts) => number> = {
    flesch: f.fleschReadingEase,
    fleschKincaid: f.fleschKincaidGrade,
    smog: f.smogGrade,
    gunningFog: f.gunningFog,
    automatedReadability: f.automatedReadability,
    daleChall: f.daleChall,
    // wooorm uses the paper's 0.0588 letter weight; we use textstat's 0.058, so
    // the expected value moves by 0.0008 × letters per 100 words.
    colemanLiau: (c) => f.colemanLiau(c) + 0.0008 * ((c.letters / c.words) * 100),
  };
  for (const vector of vectors.formulaFromCounts) {
    const formula = implemented[vector.formula];
    if (!formula) continue; // Spache is not one of Conductor's formulas
    it(`${vector.formula} ${JSON.stringify(vector.counts)} = ${vector.expected}`, () => {
      expect(formula(counts(vector.counts))).toBeCloseTo(vector.expected, 3);
    });
  }

  it("returns NaN, never throws, with no words", () => {
    for (const formula of Object.values(implemented)) expect(formula(emptyCounts())).toBeNaN();
  });
});

describe("end to end against textstat 0.7.11's test values", () => {
  const vectors = readSharedJson<TextstatVectors>("textstat-en-test-vectors.json");
  const expectedFor = (metric: string, name: string) =>
    vectors.expected[metric]!.rows.find(
      (row) => typeof row.text === "object" && row.text?.$text === name,
    )!.expected!;

  // Tolerances, and why they are not zero:
  // - Syllables: textstat counts from the CMU dictionary, we use the syllable
  //   package (~97% agreement), so ASW differs by a few hundredths.
  // - Sentences: textstat splits at every ".", "!" or "?" (so "Playing ... games"
  //   is two sentences) and drops sentences of 1–2 words; we keep one-word lines
  //   and do not split inside an ellipsis. PUNCT_TEXT and LONG_TEXT differ by one.
  // - Dale–Chall: textstat treats inflected forms ("games", "played") as
  //   unfamiliar; the New Dale–Chall rules (which we follow) count regular
  //   inflections of familiar words as familiar, so our raw score is lower.
  // - SMOG: textstat applies it to any text; we report it for any text too,
  //   but short texts (SHORT_TEXT, one sentence) have too few words for it.
  const tolerance: Record<string, [keyof ReturnType<typeof analyze>["metrics"], number]> = {
    flesch_reading_ease: ["fleschReadingEase", 4],
    flesch_kincaid_grade: ["fleschKincaidGrade", 0.8],
    gunning_fog: ["gunningFog", 1.5],
    smog_index: ["smog", 0.8],
    coleman_liau_index: ["colemanLiau", 1.1],
    automated_readability_index: ["automatedReadability", 1.3],
    dale_chall_readability_score: ["daleChall", 2.5],
  };
  for (const name of ["EASY_TEXT", "PUNCT_TEXT", "LONG_TEXT"]) {
    const result = analyze(vectors.texts[name]!);
    for (const [metric, [ours, within]] of Object.entries(tolerance)) {
      it(`${name} ${metric} within ${within} of textstat`, () => {
        expect(
          Math.abs((result.metrics[ours] as number) - expectedFor(metric, name)),
        ).toBeLessThanOrEqual(within);
      });
    }
    it(`${name} sentence count within 1 of textstat`, () => {
      expect(
        Math.abs(result.metrics.sentences - expectedFor("count_sentences", name)),
      ).toBeLessThanOrEqual(1);
    });
  }

  it("matches textstat's word and letter counts on its small cases", () => {
    const rows = vectors.expected.count_letters!.rows as unknown as {
      text: string;
      expected: number;
    }[];
    for (const row of rows.filter((r) => typeof r.text === "string" && !/[\d'’]/.test(r.text))) {
      expect(analyze(row.text).metrics.letters).toBe(row.expected);
    }
  });
});

describe("the vocabulary grade", () => {
  const grade = (text: string) => analyze(text).metrics.vocabularyGrade;

  it("rises with rare words, not with long common ones", () => {
    expect(grade("We will pay you after we check your papers.")).toBeLessThan(
      grade("Remuneration will be disbursed after verification of documentation."),
    );
    // Same length in syllables, very different in how common the words are.
    expect(grade("Everybody understands the family holiday.")).toBeLessThan(
      grade("Obfuscatory jurisprudence perturbs the populace."),
    );
  });

  it("leaves out names, links, numbers and contractions, and counts inflections as their word", () => {
    const plain = grade("We sent your new card today.");
    expect(grade("Zorbex sent your new card today, Mrs Quillfeather.")).toBe(plain);
    expect(grade("We sent your new card today, see zorbex.example/card.")).toBe(plain);
    expect(grade("We sent your new card today, 482913.")).toBe(plain);
    expect(grade("We texted you.")).toBe(grade("We text you."));
    // A contraction typed without its apostrophe is no rare word either.
    expect(grade("Thats fine, you dont need to do anything.")).toBe(
      grade("That's fine, you don't need to do anything."),
    );
  });

  it("does not read a greeting line as a sentence of the letter", () => {
    const body = "Please be advised that your payment has been received and processed.";
    const greeted = analyze(`Dear Valued Customer,\n\n${body}`).metrics;
    const bare = analyze(body).metrics;
    // Its words count (it runs into the first sentence), it is no sentence of its own,
    // and its words are no vocabulary of the prose.
    expect(greeted.words).toBe(bare.words + 3);
    expect(greeted.fleschKincaidGrade).toBeGreaterThan(bare.fleschKincaidGrade);
    expect(greeted.vocabularyGrade).toBe(bare.vocabularyGrade);
    // A line that opens with "Hi" but says something is a sentence.
    const said = analyze(`Hi there. ${body}`).metrics;
    expect(said.fleschKincaidGrade).toBeLessThan(bare.fleschKincaidGrade);
    // A greeting alone still has a grade (the line is all there is).
    expect(analyze("Dear Sam,").metrics.fleschKincaidGrade).not.toBeNaN();
  });

  it("is not a number without a plain word, and then the reading grade is the formulas'", () => {
    const result = analyze("482913 07700 900123");
    expect(result.metrics.vocabularyGrade).toBeNaN();
    expect(result.metrics.consensusGrade).toBe(result.metrics.formulasGrade);
  });
});
