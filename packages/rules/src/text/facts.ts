// Amounts and dates in text, normalised so a brief's "$177.17" matches
// "177.17 dollars" and "5/18/17" matches "18 May 2017". The date patterns are
// anchored on a word boundary and have no nested quantifiers, so they stay linear.

export interface FoundAmount {
  /** Two decimals, no separators: "177.17". */
  value: string;
  start: number;
  end: number;
}

export interface FoundDate {
  /** Every reading of the date as YYYY-MM-DD (or --MM-DD without a year). */
  readings: string[];
  /** Written with numbers only (4/5/26), so day and month can be swapped. */
  numeric: boolean;
  ambiguous: boolean;
  start: number;
  end: number;
}

// Amounts are scanned by hand, not with a pattern: a number followed by a unit
// ("177.17 dollars") has no anchor on its left, so a regular expression retries
// from every digit of a long digit run and is quadratic ("1" × 100,000 took 51 s).
// The scanner gives the same matches as the pattern it replaced
// (see facts.test.ts), visiting each character a bounded number of times.

const CURRENCY_CODES = ["usd", "gbp", "eur", "aud", "cad", "nzd"];
const CODE_INITIALS = CURRENCY_CODES.map((code) => code.charCodeAt(0));

const isDigitCode = (c: number) => c >= 48 && c <= 57;
/** `\w` without the u flag: ASCII letters, digits and underscore. */
const isWordCode = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** `\s` as JavaScript patterns define it. */
export function isPatternSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const digitAt = (text: string, i: number) => i < text.length && isDigitCode(text.charCodeAt(i));

/** End of a ",ddd" group chain starting at `i` (i itself when there is none). */
function groupsEnd(text: string, i: number): number {
  while (
    text.charCodeAt(i) === 0x2c &&
    digitAt(text, i + 1) &&
    digitAt(text, i + 2) &&
    digitAt(text, i + 3)
  )
    i += 4;
  return i;
}

function decimalEnd(text: string, i: number): number {
  if (text.charCodeAt(i) !== 0x2e || !digitAt(text, i + 1)) return i;
  i += 2;
  while (digitAt(text, i)) i++;
  return i;
}

function digitsEnd(text: string, i: number): number {
  while (digitAt(text, i)) i++;
  return i;
}

/**
 * A number at `q` (a digit): "1,234.56" when its first group has at most three
 * digits and ",ddd" groups follow, otherwise "1234.56". `chain` is where its
 * digits and groups end, before any decimals.
 */
function numberAt(text: string, q: number): { grouped: boolean; chain: number; end: number } {
  const run = digitsEnd(text, q);
  const groups = run - q <= 3 ? groupsEnd(text, run) : run;
  return { grouped: groups > run, chain: groups, end: decimalEnd(text, groups) };
}

/** `word` (lower case) at `i`, in any case, whatever follows it. */
function wordPrefix(text: string, i: number, word: string): boolean {
  if (text.length - i < word.length) return false;
  for (let k = 0; k < word.length; k++)
    if ((text.charCodeAt(i + k) | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

/** A word at `i` (case-insensitive), ending at a word boundary: returns its end or -1. */
function wordAt(text: string, i: number, word: string): number {
  if (text.length - i < word.length) return -1;
  for (let k = 0; k < word.length; k++) {
    const c = text.charCodeAt(i + k) | 0x20;
    if (c !== word.charCodeAt(k)) return -1;
  }
  const end = i + word.length;
  return end < text.length && isWordCode(text.charCodeAt(end)) ? -1 : end;
}

const UNIT_WORDS: [string, boolean][] = [
  ["dollars", false],
  ["dollar", false],
  ["pounds", false],
  ["pound", false],
  ["euros", false],
  ["euro", false],
  ["usd", false],
  ["gbp", false],
  ["eur", false],
  ["cents", true],
  ["cent", true],
  ["pence", true],
  ["p", true],
];

/** A currency word after a number ending at `end` (one space allowed): its end and whether it counts cents. */
function unitAfter(text: string, end: number): { end: number; cents: boolean } | null {
  const at = end < text.length && isPatternSpace(text.charCodeAt(end)) ? end + 1 : end;
  for (const [word, cents] of UNIT_WORDS) {
    const e = wordAt(text, at, word);
    if (e >= 0) return { end: e, cents };
  }
  return null;
}

/** A number right after a currency symbol or code at `i` (one space allowed). */
function numberAfter(text: string, i: number): { start: number; end: number } | null {
  const q = digitAt(text, i)
    ? i
    : i < text.length && isPatternSpace(text.charCodeAt(i)) && digitAt(text, i + 1)
      ? i + 1
      : -1;
  return q < 0 ? null : { start: q, end: numberAt(text, q).end };
}

const toValue = (raw: string, cents = false) => {
  const n = Number(raw.replace(/,/g, ""));
  return (cents ? n / 100 : n).toFixed(2);
};

export function findAmounts(text: string): FoundAmount[] {
  const found: FoundAmount[] = [];
  const n = text.length;
  let i = 0;
  let lastEnd = -1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x24 || c === 0xa3 || c === 0x20ac || c === 0xa5) {
      const number = numberAfter(text, i + 1);
      if (number) {
        found.push({
          value: toValue(text.slice(number.start, number.end)),
          start: i,
          end: number.end,
        });
        i = lastEnd = number.end;
        continue;
      }
    } else if (
      (c | 0x20) >= 97 &&
      (c | 0x20) <= 122 &&
      (i === 0 || !isWordCode(text.charCodeAt(i - 1)))
    ) {
      // Most words start with another letter than any code's: no search for them.
      const number =
        CODE_INITIALS.includes(c | 0x20) && CURRENCY_CODES.some((code) => wordPrefix(text, i, code))
          ? numberAfter(text, i + 3)
          : null;
      if (number) {
        found.push({
          value: toValue(text.slice(number.start, number.end)),
          start: i,
          end: number.end,
        });
        i = lastEnd = number.end;
        continue;
      }
    } else if (
      isDigitCode(c) &&
      // A number starts where a digit run starts, or right where a match ended
      // ("USD1,1234USD": "1,123" then "4USD").
      (i === 0 || !isDigitCode(text.charCodeAt(i - 1)) || i === lastEnd)
    ) {
      const number = numberAt(text, i);
      let start = i;
      let unit = unitAfter(text, number.end);
      let end = number.end;
      // Inside a failed number only its last group can start another ("1,2345 dollars" → "2345 dollars").
      let resume = number.grouped ? number.chain - 3 : digitsEnd(text, i);
      const run = digitsEnd(text, i);
      if (!unit && !number.grouped && run - i > 3 && groupsEnd(text, run) > run) {
        // "1234,567 dollars": the grouped number starts three digits before the comma.
        const later = numberAt(text, run - 3);
        unit = unitAfter(text, later.end);
        start = run - 3;
        end = later.end;
        resume = later.chain - 3;
      }
      if (unit) {
        found.push({ value: toValue(text.slice(start, end), unit.cents), start, end: unit.end });
        i = lastEnd = unit.end;
        continue;
      }
      i = resume;
      continue;
    }
    i++;
  }
  return found;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const datePattern = new RegExp(
  [
    String.raw`\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})\b`, // 5/18/17, 18.05.2017
    String.raw`\b(\d{4})-(\d{2})-(\d{2})\b`, // 2017-05-18
    String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}(?:,?\s+(\d{4}))?\b`, // 18 May 2017
    String.raw`\b${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b`, // May 18, 2017
    // 18/05 or 5/11 with no year (not 24/7, not part of a longer number or fraction)
    String.raw`(?<![\d/.])\b(\d{1,2})\/(\d{1,2})\b(?![/\d%])`,
  ].join("|"),
  "gi",
);

const pad = (n: number) => String(n).padStart(2, "0");
const fullYear = (y: string) =>
  y.length === 2 ? (Number(y) < 70 ? 2000 + Number(y) : 1900 + Number(y)) : Number(y);
const monthIndex = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
const valid = (m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= 31;
const reading = (y: number | null, m: number, d: number) =>
  `${y === null ? "-" : y}-${pad(m)}-${pad(d)}`;

export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  datePattern.lastIndex = 0;
  for (let m = datePattern.exec(text); m; m = datePattern.exec(text)) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (m[1] !== undefined) {
      const a = Number(m[1]);
      const b = Number(m[3]);
      const y = fullYear(m[4]!);
      const readings: string[] = [];
      if (valid(a, b)) readings.push(reading(y, a, b)); // month first (US)
      if (valid(b, a) && a !== b) readings.push(reading(y, b, a)); // day first
      if (readings.length)
        found.push({ readings, numeric: true, ambiguous: readings.length > 1, ...span });
    } else if (m[5] !== undefined) {
      const mo = Number(m[6]);
      const d = Number(m[7]);
      if (valid(mo, d))
        found.push({
          readings: [reading(Number(m[5]), mo, d)],
          numeric: true,
          ambiguous: false,
          ...span,
        });
    } else if (m[8] !== undefined) {
      const d = Number(m[8]);
      const mo = monthIndex(m[9]!);
      if (valid(mo, d))
        found.push({
          readings: [reading(m[10] ? Number(m[10]) : null, mo, d)],
          numeric: false,
          ambiguous: false,
          ...span,
        });
    } else if (m[14] !== undefined) {
      const a = Number(m[14]);
      const b = Number(m[15]);
      const readings: string[] = [];
      if (valid(a, b)) readings.push(reading(null, a, b)); // month first (US)
      if (valid(b, a) && a !== b) readings.push(reading(null, b, a)); // day first
      // Not "24/7", and not a common fraction ("1/2", "3/4"); nobody writes a
      // fraction with a leading zero, so "03/05" is a date.
      const fraction =
        a < b &&
        b <= 10 &&
        [2, 3, 4, 5, 8, 10].includes(b) &&
        !/^0/.test(m[14]) &&
        !/^0/.test(m[15]!);
      if (readings.length && !(a === 24 && b === 7) && !fraction)
        found.push({ readings, numeric: true, ambiguous: readings.length > 1, ...span });
    } else if (m[11] !== undefined) {
      const mo = monthIndex(m[11]);
      const d = Number(m[12]);
      if (valid(mo, d))
        found.push({
          readings: [reading(m[13] ? Number(m[13]) : null, mo, d)],
          numeric: false,
          ambiguous: false,
          ...span,
        });
    }
  }
  return found;
}

/** Two dates are the same day when any readings agree (a missing year matches any year). */
export function sameDate(a: FoundDate, b: FoundDate): boolean {
  return a.readings.some((x) =>
    b.readings.some(
      (y) => x === y || (x.slice(-6) === y.slice(-6) && (x.startsWith("-") || y.startsWith("-"))),
    ),
  );
}
