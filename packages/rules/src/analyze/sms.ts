import type { SmsReport } from "./types";

// GSM 03.38 default alphabet and its extension table (3GPP TS 23.038).
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f";
const basic = new Set(Array.from(GSM_BASIC));
const extended = new Set(Array.from(GSM_EXTENDED));

export type { SmsReport };

// A segment carries 140 octets (1,120 bits); a multi-part message gives 6 of
// them to the concatenation header (1,072 bits left). A character is never split
// across segments: an escaped GSM-7 character needs 14 bits together, and in
// UCS-2 a whole grapheme (an emoji with its joiners, a letter with its accent)
// travels in one segment. So "152 a + € + 152 a" is three segments, not two.
const SEGMENT_BITS = 1120;
const PART_BITS = 1072;
const MAX_LISTED = 20;

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/** Each grapheme with its offset; "\r\n" counts as two characters, as carriers send it. */
function* charactersOf(text: string): Generator<[string, number]> {
  let ascii = true;
  for (let i = 0; i < text.length && ascii; i++) if (text.charCodeAt(i) >= 0x80) ascii = false;
  if (ascii) {
    for (let i = 0; i < text.length; i++) yield [text[i]!, i];
    return;
  }
  for (const { segment, index } of graphemes.segment(text)) {
    if (segment === "\r\n") {
      yield ["\r", index];
      yield ["\n", index + 1];
    } else yield [segment, index];
  }
}

export function smsReport(text: string): SmsReport {
  const nonGsm: SmsReport["nonGsm"] = [];
  let septets = 0;
  for (const [ch, start] of charactersOf(text)) {
    if (basic.has(ch)) septets += 1;
    else if (extended.has(ch)) septets += 2;
    else if (nonGsm.length < MAX_LISTED)
      nonGsm.push({ start, end: start + ch.length, character: ch });
    else break;
  }
  const ucs2 = nonGsm.length > 0;
  const bitsOf = (ch: string) => (ucs2 ? 16 * ch.length : extended.has(ch) ? 14 : 7);
  let total = 0;
  let segments = 0;
  let free = 0;
  for (const [ch] of charactersOf(text)) {
    const bits = bitsOf(ch);
    total += bits;
    if (bits > free) {
      segments++;
      free = PART_BITS;
    }
    free -= bits;
  }
  return {
    encoding: ucs2 ? "UCS-2" : "GSM-7",
    units: ucs2 ? text.length : septets,
    segments: total === 0 ? 0 : total <= SEGMENT_BITS ? 1 : segments,
    nonGsm,
  };
}

/** GSM-7 look-alikes for common typographic characters. */
export const gsmReplacements: Record<string, string> = {
  "’": "'",
  "‘": "'",
  "“": '"',
  "”": '"',
  "–": "-",
  "—": "-",
  "…": "...",
  "\u00a0": " ",
  "•": "-",
};
