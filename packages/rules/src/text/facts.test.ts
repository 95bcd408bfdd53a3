import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findAmounts, findDates } from "./facts";

// The pattern the scanner replaced: the specification of what an amount is,
// kept here as the oracle (it is quadratic on long digit runs, fine for short strings).
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const oracle = new RegExp(
  String.raw`([$£€¥])\s?(${NUMBER})|\b(?:USD|GBP|EUR|AUD|CAD|NZD)\s?(${NUMBER})|(${NUMBER})\s?(?:dollars?|pounds?|euros?|usd|gbp|eur)\b|(${NUMBER})\s?(?:cents?|pence|p)\b`,
  "gi",
);
function oracleAmounts(text: string) {
  const found: { value: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(oracle)) {
    const raw = m[2] ?? m[3] ?? m[4] ?? m[5]!;
    const n = Number(raw.replace(/,/g, ""));
    found.push({
      value: (m[5] !== undefined ? n / 100 : n).toFixed(2),
      start: m.index,
      end: m.index + m[0].length,
    });
  }
  return found;
}

const pieces = [
  "1",
  "2",
  "0",
  "1234",
  "567",
  ",",
  ".",
  "$",
  "€",
  "£",
  " ",
  "\u00a0",
  "dollars",
  "Dollar",
  "euro",
  "eurx",
  "p",
  "pm",
  "pence",
  "cents",
  "USD",
  "gbp",
  "xUSD",
  "a",
  "_",
  "-",
];

describe("findAmounts", () => {
  it("finds what the reference pattern finds, on generated strings", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 14 }), (parts) => {
        const text = parts.join("");
        expect(findAmounts(text)).toEqual(oracleAmounts(text));
      }),
      { numRuns: 4000 },
    );
  });

  it("starts a number where a match ended inside a digit run, as the pattern does", () => {
    for (const text of ["_ $USD1,1234USD ", "$1,2345 dollars", "USD1,234.5,678 euros"])
      expect(findAmounts(text)).toEqual(oracleAmounts(text));
  });

  it("reads the usual ways of writing money", () => {
    const text = "Pay $177.17, USD 5, 1,200.50 dollars or 40p; 1234,567 dollars; 1,2345 dollars.";
    expect(findAmounts(text).map((a) => [a.value, text.slice(a.start, a.end)])).toEqual([
      ["177.17", "$177.17"],
      ["5.00", "USD 5"],
      ["1200.50", "1,200.50 dollars"],
      ["0.40", "40p"],
      ["234567.00", "234,567 dollars"],
      ["2345.00", "2345 dollars"],
    ]);
  });
});

describe("findDates", () => {
  it("reads a day and month written with numbers and no year, but not 24/7 or a fraction", () => {
    const text = "Pay by 18/05. Visit on 5/11. Call 24/7. Half is 1/2. Due 03/05. Three in 3/5.";
    expect(
      findDates(text).map((d) => [text.slice(d.start, d.end), d.readings, d.ambiguous]),
    ).toEqual([
      ["18/05", ["--05-18"], false],
      ["5/11", ["--05-11", "--11-05"], true],
      // A leading zero marks a date: nobody writes three fifths as 03/05.
      ["03/05", ["--03-05", "--05-03"], true],
    ]);
  });
});
