// Links, email addresses and phone numbers in a block, found by scanners that
// visit each character a bounded number of times. The patterns they replace
// (kept as the oracle in links.test.ts) retried from every position of a run
// like "a.a.a.…" and took 18–24 s on 100 kB beside a domain or an "@".
import { isPatternSpace } from "./facts";

export interface FoundLink {
  kind: "url" | "email" | "phone";
  start: number;
  end: number;
}

const TLDS = [
  "com",
  "org",
  "net",
  "gov",
  "edu",
  "io",
  "co",
  "uk",
  "us",
  "au",
  "ca",
  "nz",
  "example",
  "app",
  "info",
];
const TLD_HINT = /\.(?:com|org|net|gov|edu|io|co|uk|us|au|ca|nz|example|app|info)\b/i;
// Linear as written: it can only start at a digit, and a failed attempt means
// fewer than nine digits remain in its run, so no run is re-read more than a few times.
const PHONE_HINT = /\d[\d ()-]{7,}\d/;
const PHONE_PATTERN = /\+?\d[\d ()-]{7,}\d/g;

const isWord = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** A character of a host name label (any case) or a hyphen. */
const isHost = (c: number) => (isWord(c) && c !== 95) || c === 45;
/** A character of an email's local part: \w . + - */
const isLocal = (c: number) => isWord(c) || c === 46 || c === 43 || c === 45;
/** Inside a URL: anything but white space, angle brackets and quotes. */
const isUrlChar = (c: number) =>
  !Number.isNaN(c) && !isPatternSpace(c) && c !== 60 && c !== 62 && c !== 34 && c !== 39;

function boundaryAt(text: string, p: number): boolean {
  const here = p < text.length && isWord(text.charCodeAt(p));
  const before = p > 0 && isWord(text.charCodeAt(p - 1));
  return here !== before;
}

function urlRunEnd(text: string, i: number): number {
  while (i < text.length && isUrlChar(text.charCodeAt(i))) i++;
  return i;
}

function startsWithLower(text: string, i: number, prefix: string): boolean {
  if (text.length - i < prefix.length) return false;
  for (let k = 0; k < prefix.length; k++)
    if ((text.charCodeAt(i + k) | 0x20) !== (prefix.charCodeAt(k) | 0x20)) return false;
  return true;
}

/** "http://…", "https://…" and "www.…" up to the next space, bracket or quote. */
function scanUrls(text: string, found: (start: number, end: number) => void) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if ((c !== 104 && c !== 119) || !boundaryAt(text, i)) continue;
    const prefix = startsWithLower(text, i, "https://")
      ? 8
      : startsWithLower(text, i, "http://")
        ? 7
        : startsWithLower(text, i, "www.")
          ? 4
          : 0;
    if (prefix === 0 || !isUrlChar(text.charCodeAt(i + prefix))) continue;
    const end = urlRunEnd(text, i + prefix);
    found(i, end);
    i = end - 1;
  }
}

/** name@host.tld: each "@" looks left over its own run and right over one host. */
function scanEmails(text: string, found: (start: number, end: number) => void) {
  let from = 0;
  for (
    let at = text.indexOf("@", from);
    at !== -1;
    at = text.indexOf("@", Math.max(from, at + 1))
  ) {
    let runStart = at;
    while (runStart > from && isLocal(text.charCodeAt(runStart - 1))) runStart--;
    let start = -1;
    for (let p = runStart; p < at; p++)
      if (boundaryAt(text, p)) {
        start = p;
        break;
      }
    if (start < 0) continue;
    const labelEnd = (k: number) => {
      while (k < text.length && (isWord(text.charCodeAt(k)) || text.charCodeAt(k) === 45)) k++;
      return k;
    };
    let end = labelEnd(at + 1);
    if (end === at + 1) continue;
    let groups = 0;
    for (;;) {
      if (text.charCodeAt(end) !== 46) break;
      const next = labelEnd(end + 1);
      if (next === end + 1) break;
      end = next;
      groups++;
    }
    if (groups === 0) continue;
    found(start, end);
    from = end;
  }
}

/** Length of the top-level domain that label `i` starts with (followed by a word boundary), or 0. */
function tldAt(text: string, i: number): number {
  for (const tld of TLDS) {
    if (!startsWithLower(text, i, tld)) continue;
    const after = i + tld.length;
    if (after >= text.length || !isWord(text.charCodeAt(after))) return tld.length;
  }
  return 0;
}

/** example.com, a.b.co.uk/path: a chain of labels whose last usable label is a known domain. */
function scanDomains(text: string, found: (start: number, end: number) => void) {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isHost(text.charCodeAt(i))) {
      i++;
      continue;
    }
    // Labels: [labelStarts[k], labelEnds[k]), joined by single dots.
    const labelStarts: number[] = [];
    const labelEnds: number[] = [];
    let k = i;
    for (;;) {
      const s = k;
      while (k < n && isHost(text.charCodeAt(k))) k++;
      labelStarts.push(s);
      labelEnds.push(k);
      if (k + 1 < n && text.charCodeAt(k) === 46 && isHost(text.charCodeAt(k + 1))) k++;
      else break;
    }
    const chainEnd = k;
    let last = -1;
    let tldLength = 0;
    for (let j = labelStarts.length - 1; j >= 1; j--) {
      const length = tldAt(text, labelStarts[j]!);
      if (length > 0) {
        last = j;
        tldLength = length;
        break;
      }
    }
    let start = -1;
    for (let j = 0; j < last && start < 0; j++)
      for (let p = labelStarts[j]!; p < labelEnds[j]!; p++)
        if (boundaryAt(text, p)) {
          start = p;
          break;
        }
    if (start < 0) {
      i = chainEnd;
      continue;
    }
    let end = labelStarts[last]! + tldLength;
    if (text.charCodeAt(end) === 47) end = urlRunEnd(text, end + 1);
    found(start, end);
    i = end;
  }
}

/** Links, email addresses and phone numbers; an earlier kind wins where two overlap. */
export function findLinks(text: string, hasDigit: boolean): FoundLink[] {
  const links: FoundLink[] = [];
  let taken: Uint8Array | null = null;
  const keep = (kind: FoundLink["kind"]) => (start: number, end: number) => {
    taken ??= new Uint8Array(text.length);
    for (let c = start; c < end; c++) if (taken[c]) return;
    taken.fill(1, start, end);
    links.push({ kind, start, end });
  };
  if (text.includes("http") || text.includes("www.")) scanUrls(text, keep("url"));
  if (text.includes("@")) scanEmails(text, keep("email"));
  if (TLD_HINT.test(text)) scanDomains(text, keep("url"));
  if (hasDigit && PHONE_HINT.test(text)) {
    const phone = keep("phone");
    PHONE_PATTERN.lastIndex = 0;
    for (let m = PHONE_PATTERN.exec(text); m; m = PHONE_PATTERN.exec(text)) {
      let digits = 0;
      for (let c = 0; c < m[0].length && digits < 8; c++)
        if (m[0].charCodeAt(c) >= 48 && m[0].charCodeAt(c) <= 57) digits++;
      const end = m.index + m[0].length;
      // "0900-1300hrs" is a time range: a number runs straight into its unit.
      const unitAfter = /[a-z]/i.test(text[end] ?? "");
      if (digits >= 8 && !unitAfter) phone(m.index, end);
    }
  }
  return links.sort((a, b) => a.start - b.start);
}
