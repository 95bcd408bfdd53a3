import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describeProposedChange, withFieldNames } from "@conductor/editor";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { channelLabels, decisionWords, functionLabels } from "../labels";
import type { ApprovalCertificate } from "./certificate";

/** A4 in points, with 2 cm margins. */
const pageSize: [number, number] = [595.28, 841.89];
const margin = 56;
const footerHeight = 28;
const ink = rgb(0.06, 0.09, 0.16);
const muted = rgb(0.35, 0.4, 0.47);

/**
 * The DejaVu fonts (from the dejavu-fonts-ttf package) cover Latin, Greek,
 * Cyrillic and the punctuation and symbols messages use, where the standard
 * PDF fonts stop at Windows-1252. Found by walking up from here and from the
 * working directory, so it works from the sources, under tests and inside a
 * bundled server alike, without a bundler turning a require into a module id.
 */
function fontPath(file: string) {
  const relative = join("node_modules", "dejavu-fonts-ttf", "ttf", file);
  for (const start of [moduleDir(), process.cwd()]) {
    if (!start) continue;
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, relative))) return join(dir, relative);
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(`The certificate font ${file} is missing: is dejavu-fonts-ttf installed?`);
}

/** This file's folder, when the runtime says where it is (a bundle may not). */
function moduleDir() {
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return null;
  }
}

/** Each font file read once per process; they are large and never change. */
const fontBytes = new Map<string, Promise<Buffer>>();
const readFont = (file: string) => {
  let bytes = fontBytes.get(file);
  if (!bytes) {
    bytes = readFile(fontPath(file));
    fontBytes.set(file, bytes);
  }
  return bytes;
};

/** Embeds only the glyphs drawn, so a one-page certificate stays tens of kilobytes. */
async function embedFont(pdf: PDFDocument, file: string) {
  return pdf.embedFont(await readFont(file), { subset: true });
}

/** An unambiguous moment for a document that may be read anywhere: UTC, to the minute. */
const when = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;

interface Style {
  font: PDFFont;
  size: number;
  color?: ReturnType<typeof rgb>;
  indent?: number;
}

const characterSets = new WeakMap<PDFFont, Set<number>>();
/** The code points a font has glyphs for, worked out once per font. */
function characterSet(font: PDFFont) {
  let set = characterSets.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    characterSets.set(font, set);
  }
  return set;
}

/**
 * Lays text out top to bottom, wrapping at word boundaries and starting a
 * new page when one fills. A character the font has no glyph for (an emoji,
 * a script DejaVu lacks) is drawn as "?" and counted, so the certificate can
 * say so (the exact text travels in the attached JSON).
 */
class Layout {
  readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;
  replaced = 0;

  constructor(private readonly pdf: PDFDocument) {
    this.newPage();
  }

  private newPage() {
    this.page = this.pdf.addPage(pageSize);
    this.pages.push(this.page);
    this.y = pageSize[1] - margin;
  }

  encodable(text: string, font: PDFFont) {
    const supported = characterSet(font);
    let out = "";
    for (const char of text) {
      const code = char.codePointAt(0);
      // A string's iterator yields whole, non-empty code points, so code is always set.
      if (code === undefined) continue;
      if (supported.has(code) || char === " ") out += char;
      else if (char === "\t") out += "    ";
      else {
        out += "?";
        this.replaced++;
      }
    }
    return out;
  }

  /** Splits one paragraph into lines that fit, breaking over-long words by character. */
  private wrap(text: string, style: Style) {
    const width = pageSize[0] - 2 * margin - (style.indent ?? 0);
    const fits = (s: string) => style.font.widthOfTextAtSize(s, style.size) <= width;
    const lines: string[] = [];
    let line = "";
    for (const word of text.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = "";
      let rest = word;
      while (!fits(rest)) {
        let cut = rest.length - 1;
        while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
    return lines;
  }

  text(text: string, style: Style) {
    const lineHeight = style.size * 1.35;
    for (const paragraph of text.split(/\r?\n/)) {
      for (const line of this.wrap(this.encodable(paragraph, style.font), style)) {
        if (this.y - lineHeight < margin + footerHeight) this.newPage();
        this.y -= lineHeight;
        this.page.drawText(line, {
          x: margin + (style.indent ?? 0),
          y: this.y + (lineHeight - style.size) / 2,
          font: style.font,
          size: style.size,
          color: style.color ?? ink,
        });
      }
    }
  }

  gap(points: number) {
    this.y -= points;
  }
}

/**
 * The approval certificate as a PDF: the same facts as the printable page,
 * a footer on every page carrying the content hash, and the certificate as
 * JSON attached (certificate.json) for systems that file it.
 */
export async function certificatePdf(certificate: ApprovalCertificate): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const [regular, bold, mono] = await Promise.all([
    embedFont(pdf, "DejaVuSans.ttf"),
    embedFont(pdf, "DejaVuSans-Bold.ttf"),
    embedFont(pdf, "DejaVuSansMono.ttf"),
  ]);
  const { communication, version, brief, release } = certificate;
  const body: Style = { font: regular, size: 10 };
  const small: Style = { font: regular, size: 8.5, color: muted };
  const heading = (text: string) => {
    layout.gap(10);
    layout.text(text, { font: bold, size: 12 });
    layout.gap(2);
  };
  const bullet = (text: string) => layout.text(`• ${text}`, { ...body, indent: 8 });

  pdf.setTitle(`Approval certificate: ${communication.title}`);
  pdf.setSubject(`Version ${version.number}, SHA-256 ${version.hash}`);
  pdf.setKeywords(["approval certificate", version.hash, certificate.reviewId]);
  pdf.setAuthor(communication.organizationName);
  pdf.setProducer("Conductor");
  pdf.setCreator("Conductor");
  pdf.setCreationDate(certificate.issuedAt);
  pdf.setModificationDate(certificate.issuedAt);

  const layout = new Layout(pdf);
  layout.text("APPROVAL CERTIFICATE", { ...small, font: bold });
  layout.text(communication.title, { font: bold, size: 18 });
  layout.text(
    `${communication.organizationName} · ${channelLabels[communication.channel]} · version ${version.number} (${version.name}) · ${certificate.status === "RELEASED" ? "released" : "approved, not yet released"}${certificate.templateName ? ` · ${certificate.templateName}` : ""}`,
    { ...body, color: muted },
  );

  heading("Approved text");
  if (version.subject) layout.text(`Subject: ${version.subject}`, body);
  if (version.preheader) layout.text(`Preheader: ${version.preheader}`, body);
  layout.text(version.text, { ...body, size: 10.5 });
  layout.gap(4);
  layout.text("SHA-256 of the content and brief:", small);
  layout.text(version.hash, { font: mono, size: 8.5 });

  heading("Brief in force");
  if (brief) {
    const content = brief.content;
    bullet(`Outcome: ${content.desiredOutcome || "not set"}`);
    bullet(`Action: ${content.action || "none"}`);
    bullet(
      `Tone: ${content.tone.style} (warmth ${content.tone.warmth}, formality ${content.tone.formality}, urgency ${content.tone.urgency})`,
    );
    for (const fact of content.mustSay)
      bullet(`Must say "${fact.text}" (${functionLabels[fact.owner]})`);
    layout.text(
      `Revision ${brief.revision} by ${brief.authorName}, ${when(brief.createdAt)}`,
      small,
    );
  } else layout.text("No brief was in force.", body);

  heading(`Clarity score ${certificate.score} · rules ${certificate.rulesVersion}`);
  if (certificate.overrideReason)
    layout.text(`Submitted with an override: ${certificate.overrideReason}`, body);
  if (certificate.findings.length === 0) layout.text("No findings.", body);
  for (const finding of certificate.findings) bullet(`[${finding.severity}] ${finding.message}`);

  heading("Decisions on this version");
  for (const decision of certificate.decisions) {
    layout.text(
      `${decisionWords[decision.kind]}${decision.withChanges ? " (with changes)" : ""} — ${decision.reviewerName}, ${functionLabels[decision.function]}`,
      { ...body, font: bold },
    );
    layout.text(
      `${decision.stageName} · ${when(decision.at)}${decision.reasonCode ? ` · reason: ${decision.reasonCode}` : ""}`,
      { ...small, indent: 8 },
    );
    if (decision.comment) layout.text(`"${decision.comment}"`, { ...body, indent: 8 });
    layout.gap(3);
  }

  if (certificate.acceptedSuggestions.length > 0) {
    heading("Accepted suggestions");
    for (const s of certificate.acceptedSuggestions) {
      const fn = s.authorFunction
        ? (functionLabels[s.authorFunction as keyof typeof functionLabels] ?? s.authorFunction)
        : null;
      const [inserted, deleted] = [withFieldNames(s.inserted), withFieldNames(s.deleted)];
      const change = s.format
        ? describeProposedChange(s, 120, "done")
        : inserted && deleted
          ? `"${deleted}" → "${inserted}"`
          : inserted
            ? `added "${inserted}"`
            : `removed "${deleted}"`;
      bullet(
        `${change} — proposed by ${s.authorName}${fn ? ` (${fn})` : ""}, accepted by ${s.acceptedByName} ${when(s.acceptedAt)} · audit #${s.auditSequence}`,
      );
    }
  }

  if (release) {
    heading("Release");
    layout.text(
      `Released ${when(release.at)} by ${release.releasedBy} · ${channelLabels[release.channel]} · send ${release.sendDates.map(when).join(", ")} · ${release.recipients.toLocaleString("en")} recipients${release.campaignId ? ` · campaign ${release.campaignId}` : ""}`,
      body,
    );
  }

  heading("Audit trail entries");
  layout.text(
    "Each entry's hash covers the one before it; the organisation's audit trail check confirms them.",
    small,
  );
  for (const entry of certificate.auditEntries)
    layout.text(`#${entry.sequence} ${entry.kind} ${when(entry.at)} ${entry.hash}`, {
      font: mono,
      size: 7.5,
    });

  if (certificate.auditHead)
    layout.text(
      `Trail head when issued: #${certificate.auditHead.sequence} ${certificate.auditHead.hash} (keep it: audit:verify --anchors proves the trail still holds it)`,
      { font: mono, size: 7.5 },
    );

  layout.gap(12);
  layout.text(
    `Issued ${when(certificate.issuedAt)}. The exact text, with every character, is attached as certificate.json.`,
    small,
  );
  if (layout.replaced > 0)
    layout.text(
      `${layout.replaced} character${layout.replaced === 1 ? "" : "s"} the PDF's font has no glyph for ${layout.replaced === 1 ? "is" : "are"} shown as "?"; the attached JSON and the hash cover the original.`,
      small,
    );

  const total = layout.pages.length;
  layout.pages.forEach((page, index) => {
    page.drawText(
      layout.encodable(
        `Page ${index + 1} of ${total} · ${communication.title.slice(0, 60)} · SHA-256 ${version.hash.slice(0, 16)}…`,
        regular,
      ),
      { x: margin, y: margin - 4, font: regular, size: 7.5, color: muted },
    );
  });

  await pdf.attach(
    new TextEncoder().encode(JSON.stringify(certificate, null, 2)),
    "certificate.json",
    {
      mimeType: "application/json",
      description: "The approval certificate as data",
      creationDate: certificate.issuedAt,
      modificationDate: certificate.issuedAt,
    },
  );
  // Without object streams (PDF 1.5+) the file opens in older archive and print tools too.
  return pdf.save({ useObjectStreams: false });
}
