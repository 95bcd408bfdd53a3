// Amounts and dates in text, normalised so a brief's "$177.17" matches
// "177.17 dollars" and "5/18/17" matches "18 May 2017". Patterns have no
// nested quantifiers, so matching stays linear.

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

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const amountPattern = new RegExp(
  String.raw`([$£€¥])\s?(${NUMBER})|\b(?:USD|GBP|EUR|AUD|CAD|NZD)\s?(${NUMBER})|(${NUMBER})\s?(?:dollars?|pounds?|euros?|usd|gbp|eur)\b|(${NUMBER})\s?(?:cents?|pence|p)\b`,
  "gi",
);

const toValue = (raw: string, cents = false) => {
  const n = Number(raw.replace(/,/g, ""));
  return (cents ? n / 100 : n).toFixed(2);
};

export function findAmounts(text: string): FoundAmount[] {
  const found: FoundAmount[] = [];
  amountPattern.lastIndex = 0;
  for (let m = amountPattern.exec(text); m; m = amountPattern.exec(text)) {
    const raw = m[2] ?? m[3] ?? m[4] ?? m[5]!;
    found.push({
      value: toValue(raw, m[5] !== undefined),
      start: m.index,
      end: m.index + m[0].length,
    });
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
