import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countContractions, countExclamations } from "./tone-levels";

// The patterns the scanners replaced: they tried a match at every letter of
// every block. The scanners must count exactly what they counted.
const CONTRACTION =
  /\b[a-z]+(?:n['’]t|['’](?:re|ll|ve|m|d))\b|\b(?:it|that|here|there|what|let|who)['’]s\b/gi;
const byPattern = (text: string) => text.match(CONTRACTION)?.length ?? 0;
const exclamationsByPattern = (text: string) => text.match(/!+/g)?.length ?? 0;

// Pieces that sit on every edge of the pattern: both apostrophes, the suffixes,
// the 's words, word characters that are not letters, non-ASCII letters.
const pieces = [
  "'",
  "’",
  "n",
  "N",
  "t",
  "T",
  "re",
  "RE",
  "ll",
  "ve",
  "m",
  "d",
  "s",
  "S",
  "it",
  "That",
  "here",
  "tHere",
  "what",
  "let",
  "who",
  "do",
  "we",
  "I",
  "x",
  "é",
  "5",
  "_",
  " ",
  ".",
  "-",
  "!",
  "!!",
  "\n",
];
const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join(""));

describe("countContractions", () => {
  it("counts the contractions people write", () => {
    expect(countContractions("We’re sorry: you don't need to do anything, and it's free.")).toBe(3);
    expect(countContractions("I'm sure they'd say we'll help; that's what we've said.")).toBe(5);
    expect(countContractions("Rock'n'roll, o'clock, the customer's bill, 5'd, n't.")).toBe(0);
    expect(countContractions("don't'd isn'tx DON'T")).toBe(2);
  });

  it("counts exactly what the pattern counted, on generated text", () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(countContractions(text)).toBe(byPattern(text));
      }),
      { numRuns: 20_000 },
    );
  });
});

describe("countExclamations", () => {
  it("counts each run of exclamation marks once, as the pattern did", () => {
    expect(countExclamations("Great! Thanks!!! See you!")).toBe(3);
    fc.assert(
      fc.property(texts, (text) => {
        expect(countExclamations(text)).toBe(exclamationsByPattern(text));
      }),
      { numRuns: 5_000 },
    );
  });
});
