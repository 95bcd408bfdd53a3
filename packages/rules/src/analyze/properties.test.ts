import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze, createAnalyzer } from "../index";

const channels = fc.constantFrom(undefined, "SMS" as const, "EMAIL" as const, "LETTER" as const);

function checkOffsets(text: string, result: ReturnType<typeof analyze>) {
  for (const f of result.findings) {
    if (f.field) continue;
    expect(f.start).toBeGreaterThanOrEqual(0);
    expect(f.end).toBeGreaterThanOrEqual(f.start);
    expect(f.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(f.start, f.end)).toBe(f.actual);
  }
}

describe("properties", () => {
  it("never throws on any Unicode text, and every offset lies on the text it names", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), channels, (text, channel) => {
        const result = analyze(text, {
          channel,
          brief: { mustSay: ["$5"], likelyQuestions: ["Why?"] },
        });
        checkOffsets(text, result);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
      }),
      { numRuns: 300 },
    );
  });

  it("survives texts built from the rules' own trigger words in any order", () => {
    const pieces = [
      "Pursuant to",
      "was received",
      "5/18/17",
      "$177.17",
      "APR",
      "and/or",
      "shall",
      "NOT",
      "not uncommon",
      "\n\n",
      "- ",
      "1. ",
      "Dr.",
      "e.g.",
      "…",
      "’",
      "😀",
      "עברית",
      "?!",
      "   ",
      "www.x.com/a/b",
      "a@b.co",
      "0800 555 0100",
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 60 }),
        channels,
        (parts, channel) => {
          const text = parts.join(" ");
          checkOffsets(text, analyze(text, { channel }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("handles empty, whitespace-only and punctuation-only text", () => {
    for (const text of ["", " ", "\n\n\n", "...!!!???", "—–-", "😀😀😀"]) {
      const result = analyze(text, { channel: "SMS" });
      expect(result.score).toBe(0);
      expect(result.metrics.fleschReadingEase).toBeNaN();
      expect(result.tone.classification).toBe("black-box");
    }
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(analyze(text)).toEqual(analyze(text));
      }),
      { numRuns: 100 },
    );
  });

  it("incremental analysis equals a fresh analysis after any edit", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom(
            "Thank you for paying.",
            "Pursuant to the APR, you shall pay.",
            "Your bill was sent 4/5/26.",
            "Call us!",
          ),
          { minLength: 1, maxLength: 6 },
        ),
        fc.nat(),
        fc.constantFrom("we", "Please remit", ""),
        (paragraphs, at, insert) => {
          const analyzer = createAnalyzer();
          analyzer.analyze(paragraphs.join("\n\n"));
          const edited: string[] = [...paragraphs];
          const i = at % edited.length;
          edited[i] = `${edited[i]} ${insert}`.trim();
          expect(analyzer.analyze(edited.join("\n\n"))).toEqual(analyze(edited.join("\n\n")));
        },
      ),
      { numRuns: 100 },
    );
  });

  // Linear time is measured, not asserted: `npm run bench -- rules` prints µs
  // per byte for prose and each adversarial family side by side (a ratio of
  // timings in a test flakes on a shared machine). This keeps the size itself.
  it("analyses 1 MB of one word and counts every word", () => {
    const megabyte = "payment ".repeat(131_072);
    const result = analyze(megabyte);
    expect(result.metrics.words).toBe(131_072);
  });
});
