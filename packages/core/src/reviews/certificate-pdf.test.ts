import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  type PDFHexString,
  PDFName,
  PDFRawStream,
  type PDFString,
} from "pdf-lib";
import { describe, expect, it } from "vitest";
import { briefContentSchema } from "../schemas";
import type { ApprovalCertificate } from "./certificate";
import { certificatePdf } from "./certificate-pdf";

const hash = "a3f1c2d4e5b6978812345678901234567890abcdefabcdefabcdef0123456789";

function certificate(text: string, overrides: Partial<ApprovalCertificate> = {}) {
  return {
    communication: {
      id: "c1",
      title: "Your payment arrived",
      channel: "EMAIL",
      organizationName: "Riverside Energy",
    },
    reviewId: "r1",
    status: "RELEASED",
    templateName: "Standard review",
    version: {
      number: 3,
      name: "Submitted for review",
      subject: "We got your payment",
      preheader: null,
      text,
      hash,
    },
    brief: {
      revision: 2,
      authorName: "Casey Comms",
      createdAt: new Date("2026-11-20T10:00:00Z"),
      content: briefContentSchema.parse({
        desiredOutcome: "Knows the payment arrived; no action needed",
        mustSay: [{ text: "The amount received", owner: "ACCOUNTING", kind: "amount" }],
      }),
    },
    score: 82,
    rulesVersion: "r3",
    overrideReason: null,
    findings: [
      {
        ruleId: "long-sentence",
        start: 0,
        severity: "warning",
        message: "Sentence 2 has 31 words",
      },
    ],
    decisions: [
      {
        stageName: "Legal, compliance and regulatory",
        function: "LEGAL",
        reviewerName: "Lee Legal",
        kind: "APPROVE_WITH_COMMENTS",
        reasonCode: null,
        comment: "Fine once the amount is bold.",
        withChanges: true,
        at: new Date("2026-11-21T09:30:00Z"),
      },
    ],
    acceptedSuggestions: [
      {
        suggestionId: "s1",
        authorName: "Lee Legal",
        authorFunction: "LEGAL",
        inserted: "received",
        deleted: "got",
        acceptedByName: "Casey Comms",
        acceptedAt: new Date("2026-11-20T11:00:00Z"),
        auditSequence: 38,
        auditHash: hash,
      },
    ],
    release: {
      at: new Date("2026-11-22T08:00:00Z"),
      releasedBy: "Casey Comms",
      channel: "EMAIL",
      sendDates: [new Date("2026-11-23T09:00:00Z")],
      recipients: 48210,
      campaignId: "CMP-7",
    },
    auditEntries: [{ sequence: 41, kind: "RELEASED", at: new Date("2026-11-22T08:00:00Z"), hash }],
    auditHead: { sequence: 42, hash: "f".repeat(64) },
    issuedAt: new Date("2026-11-25T00:00:00Z"),
    ...overrides,
  } satisfies ApprovalCertificate;
}

/** UTF-16BE code units written as hex, as a ToUnicode map writes text. */
const utf16 = (hex: string) => {
  const units: number[] = [];
  for (let i = 0; i < hex.length; i += 4) units.push(Number.parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
};

/**
 * What each glyph code of an embedded font stands for, from its ToUnicode
 * map: a subset font's content stream holds glyph ids, not characters.
 */
function glyphTexts(font: PDFDict) {
  const stream = font.lookup(PDFName.of("ToUnicode"));
  if (!(stream instanceof PDFRawStream)) throw new Error("The font has no ToUnicode map");
  const cmap = new TextDecoder("latin1").decode(decodePDFRawStream(stream).decode());
  const glyphs = new Map<string, string>();
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const [, code, text] of section[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
      glyphs.set(code!.toUpperCase(), utf16(text!));
  return glyphs;
}

/**
 * The text drawn on each page, one line per text operator: content streams
 * decoded, each glyph id read back through its font's ToUnicode map.
 */
async function pageTexts(bytes: Uint8Array) {
  const pdf = await PDFDocument.load(bytes);
  return pdf.getPages().map((page) => {
    const fonts = page.node.Resources()!.lookup(PDFName.of("Font"), PDFDict);
    const glyphsByFont = new Map<string, Map<string, string>>();
    for (const [name, ref] of fonts.entries())
      glyphsByFont.set(name.asString(), glyphTexts(pdf.context.lookup(ref, PDFDict)));
    const contents = page.node.Contents();
    const refs =
      contents instanceof PDFArray ? contents.asArray() : [page.node.get(PDFName.of("Contents"))];
    let text = "";
    let glyphs = new Map<string, string>();
    for (const ref of refs) {
      const stream = pdf.context.lookup(ref);
      if (!(stream instanceof PDFRawStream)) continue;
      const operators = new TextDecoder("latin1").decode(decodePDFRawStream(stream).decode());
      for (const match of operators.matchAll(/(\/\S+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj/g)) {
        if (match[1]) {
          glyphs = glyphsByFont.get(match[1])!;
          continue;
        }
        const hex = match[2]!.toUpperCase();
        for (let i = 0; i < hex.length; i += 4) text += glyphs.get(hex.slice(i, i + 4)) ?? "\uFFFD";
        text += "\n";
      }
    }
    return text;
  });
}

/** The files attached to the PDF, by name. */
async function attachments(bytes: Uint8Array) {
  const pdf = await PDFDocument.load(bytes);
  const names = pdf.catalog.lookup(PDFName.of("Names"), PDFDict);
  const files = names
    .lookup(PDFName.of("EmbeddedFiles"), PDFDict)
    .lookup(PDFName.of("Names"), PDFArray);
  const found: Record<string, string> = {};
  for (let i = 0; i < files.size(); i += 2) {
    const name = files.lookup(i) as PDFString | PDFHexString;
    const spec = files.lookup(i + 1, PDFDict);
    const embedded = spec.lookup(PDFName.of("EF"), PDFDict).lookup(PDFName.of("F"));
    if (!(embedded instanceof PDFRawStream)) throw new Error("The attachment is not a stream");
    found[name.decodeText()] = new TextDecoder().decode(decodePDFRawStream(embedded).decode());
  }
  return found;
}

describe("the approval certificate as a PDF", () => {
  it("carries the approved text, its hash, the brief, the score, each decision and the release", async () => {
    const bytes = await certificatePdf(
      certificate(
        "Thank you: we received your payment of $177.17 today.\nYou do not need to do anything.",
      ),
    );
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getTitle()).toBe("Approval certificate: Your payment arrived");
    expect(pdf.getKeywords()).toContain(hash);
    const [text] = await pageTexts(bytes);
    for (const expected of [
      "Your payment arrived",
      "Thank you: we received your payment of $177.17 today.",
      "You do not need to do anything.",
      hash,
      "Outcome: Knows the payment arrived; no action needed",
      'Must say "The amount received" (Accounting)',
      "Clarity score 82 · rules r3",
      "• [warning] Sentence 2 has 31 words",
      "Approved with comments (with changes) — Lee Legal, Legal",
      "Accepted suggestions",
      '• "got" → "received" — proposed by Lee Legal (Legal), accepted by Casey Comms 2026-11-20',
      "11:00 UTC · audit #38",
      '"Fine once the amount is bold."',
      "48,210 recipients",
      "campaign CMP-7",
      `#41 RELEASED 2026-11-22 08:00 UTC ${hash}`,
      `Trail head when issued: #42 ${"f".repeat(64)}`,
    ])
      expect(text).toContain(expected);
  });

  it("wraps long text onto further pages, each with a numbered footer", async () => {
    const sentence =
      "We will change your tariff on 1 March and your monthly payment goes up by $4.20. ";
    const bytes = await certificatePdf(certificate(sentence.repeat(400)));
    const texts = await pageTexts(bytes);
    expect(texts.length).toBeGreaterThan(2);
    texts.forEach((text, index) => {
      expect(text).toContain(`Page ${index + 1} of ${texts.length}`);
    });
    // Every word made it across the page breaks.
    const drawn = texts.join(" ").match(/\$4\.20\./g) ?? [];
    expect(drawn).toHaveLength(400);
  });

  it("draws dashes, currency, curly quotes, Greek and Cyrillic as themselves", async () => {
    const exact = "Your bill – €42.10 – is due; we’re “here” to help. Καλημέρα. Здравствуйте.";
    const bytes = await certificatePdf(
      certificate(exact, {
        communication: {
          id: "c1",
          title: "Your bill – €42 due",
          channel: "EMAIL",
          organizationName: "Riverside Energy",
        },
      }),
    );
    const [text] = await pageTexts(bytes);
    expect(text).toContain(exact);
    expect(text).toContain("Page 1 of 1 · Your bill – €42 due · SHA-256");
    expect(text).not.toContain("?");
    expect(text).not.toContain("no glyph");
  });

  it("shows characters the font lacks as '?', says so, and attaches the exact certificate", async () => {
    const exact = "Your bill is ≥ €50 → pay by 1 May ✅ ✅";
    const bytes = await certificatePdf(certificate(exact));
    const [text] = await pageTexts(bytes);
    expect(text).toContain("Your bill is ≥ €50 → pay by 1 May ? ?");
    expect(text).toContain(
      '2 characters the PDF\'s font has no glyph for are shown as "?"; the attached JSON',
    );
    const files = await attachments(bytes);
    const attached = JSON.parse(files["certificate.json"]!) as ApprovalCertificate;
    expect(attached.version.text).toBe(exact);
    expect(attached.version.hash).toBe(hash);
  });
});
