import type { SmsReport } from "./types";

// GSM 03.38 default alphabet and its extension table (3GPP TS 23.038).
const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENDED = "^{}\\[~]|€\f";
const basic = new Set(Array.from(GSM_BASIC));
const extended = new Set(Array.from(GSM_EXTENDED));

export type { SmsReport };

export function smsReport(text: string): SmsReport {
  let septets = 0;
  const nonGsm: SmsReport["nonGsm"] = [];
  let offset = 0;
  for (const ch of text) {
    if (basic.has(ch)) septets += 1;
    else if (extended.has(ch)) septets += 2;
    else if (nonGsm.length < 20)
      nonGsm.push({ start: offset, end: offset + ch.length, character: ch });
    offset += ch.length;
  }
  if (nonGsm.length === 0) {
    return {
      encoding: "GSM-7",
      units: septets,
      segments: septets === 0 ? 0 : septets <= 160 ? 1 : Math.ceil(septets / 153),
      nonGsm,
    };
  }
  const units = text.length;
  return {
    encoding: "UCS-2",
    units,
    segments: units <= 70 ? 1 : Math.ceil(units / 67),
    nonGsm: nonGsm.slice(0, 20),
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
