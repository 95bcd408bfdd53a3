import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { segment } from "./segment";

const sentencesOf = (text: string) =>
  segment(text).sentences.map((s) => text.slice(s.start, s.end));
const wordsOf = (text: string) => segment(text).words.map((w) => w.text);

describe("segment", () => {
  it("splits the seed's heart-centred message into its four sentences", () => {
    expect(
      sentencesOf(
        "Thank you for being a customer! We received your payment for $177.17 today. Your next payment is due on 5/18/17. How else can we be of service?",
      ),
    ).toEqual([
      "Thank you for being a customer!",
      "We received your payment for $177.17 today.",
      "Your next payment is due on 5/18/17.",
      "How else can we be of service?",
    ]);
  });

  it("does not end a sentence after titles, months, initials or e.g.", () => {
    expect(
      sentencesOf("Mr. Smith paid on Jan. 5. Call J. Smith, e.g. at 9 a.m. tomorrow. Done."),
    ).toEqual(["Mr. Smith paid on Jan. 5.", "Call J. Smith, e.g. at 9 a.m. tomorrow.", "Done."]);
  });

  it("keeps decimals, thousands, contractions and hyphenated words whole", () => {
    expect(wordsOf("It's $1,200.50 for a re-issued card.")).toEqual([
      "It's",
      "1,200.50",
      "for",
      "a",
      "re-issued",
      "card",
    ]);
  });

  it("ends a short line (a salutation) but not a hard-wrapped line of prose", () => {
    expect(sentencesOf("Dear Sam,\nYour bill is ready.")).toEqual([
      "Dear Sam,",
      "Your bill is ready.",
    ]);
    const wrapped =
      "We have looked again at the reading we took from your meter in\nMarch and the bill is right.";
    expect(sentencesOf(wrapped)).toHaveLength(1);
  });

  it("treats emoji and marks as non-words, and keeps letters of other scripts", () => {
    expect(wordsOf("😀 🏳️‍🌈 שלום café")).toEqual(["שלום", "café"]);
  });

  it("gives offsets that point at the words", () => {
    const text = "  Hello,   world!  ";
    for (const w of segment(text).words) expect(text.slice(w.start, w.end)).toBe(w.text);
  });
  it("ends a sentence at a stop before lower case, as SMS are written", () => {
    expect(sentencesOf("thanks for paying. see you next month.")).toEqual([
      "thanks for paying.",
      "see you next month.",
    ]);
    expect(sentencesOf("Prices incl. tax and approx. five days… then it arrives.")).toHaveLength(1);
  });

  it("ends a sentence after a dotted abbreviation when a capital follows", () => {
    expect(sentencesOf("We close at 5 p.m. Your call matters.")).toEqual([
      "We close at 5 p.m.",
      "Your call matters.",
    ]);
    expect(sentencesOf("Pay by card, e.g. Visa or Mastercard.")).toHaveLength(1);
  });

  it("keeps words whole across invisible characters and compares them in NFC", () => {
    expect(segment("do not re\u200bply").words.map((w) => w.lower)).toEqual(["do", "not", "reply"]);
    expect(segment("cafe\u0301 caf\u00e9").words.map((w) => w.lower)).toEqual(["café", "café"]);
  });
});

describe("word keys", () => {
  // What a key is, spelled out: lower case, invisible characters removed, NFC,
  // typographic apostrophes straightened. segment() skips the work for plain
  // ASCII words; whatever the word, the key must be this.
  const keyOf = (word: string) =>
    word
      .toLowerCase()
      .replace(/\u200b|\u200c|\u200d|\u2060|\ufeff|\u00ad/g, "")
      .normalize("NFC")
      .replace(/\u2019/g, "'");
  const pieces = [
    "a",
    "Z",
    "e",
    "\u0301",
    "É",
    "é",
    "ß",
    "İ",
    "\u200b",
    "\u00ad",
    "\u2019",
    "'",
    "-",
    "7",
    ".",
    ",",
    " ",
    "—",
    "”",
    "\u2010",
  ];
  it("is the word's lower case, NFC, without invisible characters, apostrophes straightened", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const text = parts.join("");
        for (const word of segment(text).words) expect(word.lower).toBe(keyOf(word.text));
      }),
      { numRuns: 5_000 },
    );
    expect(segment("We’re Café re\u200bply ok—Fine”").words.map((w) => w.lower)).toEqual([
      "we're",
      "café",
      "reply",
      "ok",
      "fine",
    ]);
  });
});
