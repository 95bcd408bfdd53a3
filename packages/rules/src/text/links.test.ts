import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findLinks } from "./links";

// The patterns the scanners replaced, as the oracle: they backtrack on long
// dotted runs, which does not matter on these short strings.
const TLD_HINT = /\.(?:com|org|net|gov|edu|io|co|uk|us|au|ca|nz|example|app|info)\b/i;
const PHONE_HINT = /\d[\d ()-]{7,}\d/;
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+|\bwww\.[^\s<>"']+/gi;
const DOMAIN_PATTERN =
  /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|io|co|uk|us|au|ca|nz|example|app|info)\b(?:\/[^\s<>"']*)?/gi;
const EMAIL_PATTERN = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE_PATTERN = /\+?\d[\d ()-]{7,}\d/g;

function oracle(text: string, hasDigit: boolean) {
  const links: { kind: string; start: number; end: number }[] = [];
  const scan = (pattern: RegExp, kind: string) => {
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (kind === "phone" && m[0].replace(/\D/g, "").length < 8) continue;
      // A number that runs into letters is a quantity ("0900-1300hrs"), not a phone.
      if (kind === "phone" && /[a-z]/i.test(text[end] ?? "")) continue;
      if (!links.some((l) => start < l.end && end > l.start)) links.push({ kind, start, end });
    }
  };
  if (text.includes("http") || text.includes("www.")) scan(URL_PATTERN, "url");
  if (text.includes("@")) scan(EMAIL_PATTERN, "email");
  if (TLD_HINT.test(text)) scan(DOMAIN_PATTERN, "url");
  if (hasDigit && PHONE_HINT.test(text)) scan(PHONE_PATTERN, "phone");
  return links.sort((a, b) => a.start - b.start);
}

const pieces = [
  "a",
  "B",
  "1",
  "555 0199 12",
  ".",
  "..",
  "-",
  "_",
  "+",
  "@",
  "/",
  " ",
  "(",
  '"',
  "com",
  "CO",
  "co-op",
  "uk",
  "company",
  "example",
  "http://",
  "https://",
  "HTTP://",
  "www.",
  "x",
];

describe("findLinks", () => {
  it("finds what the reference patterns find, on generated strings", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 14 }), (parts) => {
        const text = parts.join("");
        expect(findLinks(text, /\d/.test(text))).toEqual(oracle(text, /\d/.test(text)));
      }),
      { numRuns: 5000 },
    );
  });

  it("reads links, addresses and numbers in a sentence", () => {
    const text =
      "Go to https://bank.example/pay, www.bank.com or bank.co.uk/help, write to help@bank.com or call 0800 123 4567.";
    expect(findLinks(text, true).map((l) => [l.kind, text.slice(l.start, l.end)])).toEqual([
      ["url", "https://bank.example/pay,"],
      ["url", "www.bank.com"],
      ["url", "bank.co.uk/help,"],
      ["email", "help@bank.com"],
      ["phone", "0800 123 4567"],
    ]);
    expect(findLinks("Power is off 0900-1300hrs on 9 June.", true)).toEqual([]);
  });
});
