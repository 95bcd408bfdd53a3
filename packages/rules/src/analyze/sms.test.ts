import fc from "fast-check";
import { SegmentedMessage } from "sms-segments-calculator";
import { describe, expect, it } from "vitest";
import { analyze } from "./analyze";
import { smsReport } from "./sms";

/** The reference calculator's count (it calls an empty message one segment; we say none). */
const reference = (text: string) => new SegmentedMessage(text).segmentsCount;

// Characters that sit differently across a boundary: one septet, two septets
// (escaped), one UTF-16 unit outside GSM-7, a surrogate pair, a joined emoji
// sequence, a letter with a combining accent, and CR LF.
const characters = ["a", "€", "{", "é", "ç", "’", "😀", "👨‍👩‍👧‍👦", "e\u0301", "\r\n", "\n", " "];

describe("smsReport", () => {
  it("counts segments as the reference calculator does around every boundary", () => {
    const cases: string[] = [];
    for (const filler of ["a", "😀"]) {
      for (const boundary of [67, 70, 134, 152, 153, 160, 306]) {
        for (const odd of characters) {
          for (const shift of [-1, 0, 1]) {
            const before = Math.max(0, boundary + shift);
            cases.push(`${filler.repeat(before)}${odd}${filler.repeat(Math.max(0, 152 + shift))}`);
            cases.push(`${"a".repeat(before)}${odd}`);
          }
        }
      }
    }
    for (const text of cases)
      expect(smsReport(text).segments, JSON.stringify(text)).toBe(reference(text));
  });

  it("counts segments as the reference calculator does on generated messages", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...characters), fc.integer({ min: 1, max: 80 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (runs) => {
          const text = runs.map(([ch, n]) => ch.repeat(n)).join("");
          expect(smsReport(text).segments).toBe(reference(text));
        },
      ),
      { numRuns: 600 },
    );
  });

  it("makes 152 a + € + 152 a three segments: the escaped € cannot straddle two", () => {
    const text = `${"a".repeat(152)}€${"a".repeat(152)}`;
    expect(smsReport(text)).toMatchObject({ encoding: "GSM-7", units: 306, segments: 3 });
  });

  it("lists a family emoji once, and warns once", () => {
    const text = "See you soon 👨‍👩‍👧‍👦";
    expect(smsReport(text).nonGsm).toEqual([
      { start: 13, end: text.length, character: "👨‍👩‍👧‍👦" },
    ]);
    const findings = analyze(text, { channel: "SMS" }).findings;
    expect(findings.filter((f) => f.ruleId === "channel.sms-encoding")).toHaveLength(1);
  });

  it("counts no segments for an empty message", () => {
    expect(smsReport("").segments).toBe(0);
  });
});
