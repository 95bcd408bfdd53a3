import { describe, expect, it } from "vitest";
import { analyze, createAnalyzer } from "../index";

const paragraphs = [
  "Thank you for being with us. Your bill for March is ready.",
  "Pursuant to our terms, the APR on your card will change on 4/5/26.",
  "Please make a payment by Friday. How else can we help?",
];

describe("incremental analysis", () => {
  it("re-uses unchanged blocks and gives the same result as a fresh analysis", () => {
    const analyzer = createAnalyzer({ channel: "EMAIL" });
    analyzer.analyze(paragraphs.join("\n\n"));
    expect(analyzer.cachedBlocks).toBe(3);
    const edited = [
      paragraphs[0],
      paragraphs[1]!.replace("APR", "annual percentage rate"),
      paragraphs[2],
    ].join("\n\n");
    const incremental = analyzer.analyze(edited);
    expect(incremental).toEqual(analyze(edited, { channel: "EMAIL" }));
    expect(incremental.findings.some((f) => f.ruleId === "plain.undefined-acronym")).toBe(false);
  });

  it("finds unchanged blocks wherever they moved: inserted, removed, reordered, pasted twice", () => {
    const analyzer = createAnalyzer({ channel: "EMAIL" });
    const [a, b, c] = paragraphs as [string, string, string];
    const d = "Your new card is on its way. It should arrive within 5 days.";
    let analysed = 0;
    // Each edit, and how many blocks it should analyse.
    const edits: [string[], number][] = [
      [[a, b, c], 3],
      [[d, a, b, c], 1], // inserted at the top: the rest shift down
      [[d, b, c], 0], // removed
      [[c, b, d], 0], // reordered
      [[c, c, b, d, d], 0], // pasted twice
      [[`${c} Thanks.`, c, b, d], 1], // typed into the first of two copies
      [["A new one.", "A new one.", b], 1], // a new block pasted twice: analysed once
    ];
    for (const [blocks, expected] of edits) {
      const text = blocks.join("\n\n");
      const result = analyzer.analyze(text);
      expect(analyzer.analysedBlocks - analysed).toBe(expected);
      analysed = analyzer.analysedBlocks;
      expect(result).toEqual(analyze(text, { channel: "EMAIL" }));
      expect(analyzer.cachedBlocks).toBe(blocks.length);
    }
    // A block's kind is part of what it is: the same text as a heading is analysed again.
    const asHeading = analyzer.analyze({ blocks: [{ text: b, kind: "heading" }] });
    expect(analyzer.analysedBlocks - analysed).toBe(1);
    expect(asHeading).toEqual(
      analyze({ blocks: [{ text: b, kind: "heading" }] }, { channel: "EMAIL" }),
    );
  });

  it("takes the subject and preheader per call: typing in them re-analyses no block", () => {
    const text = paragraphs.join("\n\n");
    const analyzer = createAnalyzer({ channel: "EMAIL" });
    analyzer.analyze(text, { subject: "Your bill", preheader: "It is ready" });
    expect(analyzer.analysedBlocks).toBe(3);
    // Each keystroke of a subject that grows past the limit, then is emptied.
    const long = "Important information regarding changes to your account terms and conditions";
    for (const subject of ["Your bill is", long, ""]) {
      const preheader = `About ${subject}`;
      const result = analyzer.analyze(text, { subject, preheader });
      expect(analyzer.analysedBlocks).toBe(3);
      expect(result).toEqual(analyze(text, { channel: "EMAIL", subject, preheader }));
    }
    const emptied = analyzer.analyze(text, { subject: "" });
    expect(emptied.findings.filter((f) => f.field === "subject")).toMatchObject([
      { ruleId: "channel.email-subject", message: "The email has no subject" },
    ]);
    expect(analyzer.analyze(text, { subject: long }).findings).toContainEqual(
      expect.objectContaining({
        ruleId: "channel.email-subject",
        field: "subject",
        end: long.length,
      }),
    );
    // A field left out keeps the analyzer's own; an edited block is the only one analysed.
    const withOwn = createAnalyzer({ channel: "EMAIL", subject: long });
    expect(withOwn.analyze(text, { preheader: "Hi" })).toEqual(
      analyze(text, { channel: "EMAIL", subject: long, preheader: "Hi" }),
    );
    analyzer.analyze(text.replace("Friday", "Monday"), { subject: "Your bill" });
    expect(analyzer.analysedBlocks).toBe(4);
  });

  it("takes editor blocks with offsets and maps findings back to them", () => {
    const blocks = [
      { text: "Your payment was received.", start: 0, kind: "paragraph" as const },
      { text: "Next steps", start: 28, kind: "heading" as const },
      { text: "Please remit the balance.", start: 40, kind: "listItem" as const },
    ];
    const result = createAnalyzer().analyze({ blocks });
    const full = "Your payment was received.\n\nNext steps\n\nPlease remit the balance.";
    for (const f of result.findings.filter((f) => f.end > f.start))
      expect(full.slice(f.start, f.end)).toBe(f.actual);
    expect(result.findings.find((f) => f.ruleId === "plain.legalese")).toMatchObject({
      start: 47,
      end: 52,
      actual: "remit",
    });
  });

  it("rejects overlapping blocks with a clear error", () => {
    expect(() =>
      analyze({
        blocks: [
          { text: "Hello there", start: 0 },
          { text: "again", start: 5 },
        ],
      }),
    ).toThrow(/Block 1 starts at 5/);
  });
});

describe("plain-text paragraphs", () => {
  it("splits at blank lines and after long lines, and keeps hard-wrapped prose together", async () => {
    const { blocksOfText } = await import("../index");
    const long =
      "This line is one whole paragraph written on a single line, as many exported text files are, so it ends here.";
    const wrapped = "This paragraph is wrapped at a short width\nso its lines belong together.";
    const blocks = blocksOfText(`${long}\n${long}\n\n${wrapped}\n- a list item`);
    expect(blocks.map((b) => b.kind)).toEqual(["paragraph", "paragraph", "paragraph", "listItem"]);
    expect(blocks[2]!.text).toBe(wrapped);
  });
});
