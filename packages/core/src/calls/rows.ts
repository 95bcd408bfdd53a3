/**
 * What one row of call volume may hold, checked field by field: pure
 * functions, so the importer, the preview and the tests share one rule.
 * The seeds' rule applies: collect only what serves the customer — counts,
 * never people.
 */

export type Granularity = "DAY" | "WEEK";
export type DateFormat = "iso" | "dmy" | "mdy";
/**
 * How a week column counts weeks. "iso": ISO 8601, Monday to Sunday, week 1
 * holding the year's first Thursday, 52 or 53 weeks. "sunday": Sunday to
 * Saturday, week 1 starting on the year's first Sunday and week 0 holding the
 * days before it (strftime's %U; ISTAT's weekly tables count so).
 */
export type WeekNumbering = "iso" | "sunday";

/**
 * Which file column feeds each field; the optional ones may be left out. A
 * row's day comes from `date`, or from `year` and `week` together (weekly
 * counts only) when the file gives the week as two numbers.
 */
export interface CallColumnMapping {
  date?: string;
  year?: string;
  week?: string;
  reason: string;
  calls: string;
  segment?: string;
  region?: string;
  reference?: string;
}

export const mappedFields = [
  "date",
  "year",
  "week",
  "reason",
  "calls",
  "segment",
  "region",
  "reference",
] as const;
export type MappedField = (typeof mappedFields)[number];

/**
 * Header words that mean a column holds personal data. Matched on the header
 * lower-cased with spaces, dashes, dots and underscores removed.
 */
const personalHeader: [RegExp, string][] = [
  [
    /phone|mobile|msisdn|telephone|^tel$|^cli$|^ani$|caller(id|number)|callingnumber/,
    "a phone number",
  ],
  [/e?mail/, "an email address"],
  [/^name$|firstname|lastname|surname|fullname|forename|customername|callername/, "a name"],
  [
    /customer(id|no|number|ref)|account(id|no|number)|client(id|no)|memberid|^nino$|^ssn$|nationalid|passport/,
    "a customer or account identifier",
  ],
  [/dateofbirth|^dob$|birthdate/, "a date of birth"],
  [/address|postcode|zipcode|street/, "an address"],
  [/notes?$|comments?$|transcript|freetext|verbatim|callsummary|description/, "free text"],
  [/^ip$|ipaddress/, "an IP address"],
];

/**
 * A value from the file as an error shows it: at most 60 characters, so a
 * message never echoes a whole line (or a whole file without line breaks).
 */
export function excerpt(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/** Column names for a message, quoted and shortened; past `max` of them, how many more. */
export function quotedColumns(columns: readonly string[], max = 12): string {
  const shown = columns.slice(0, max).map((c) => `"${excerpt(c)}"`);
  if (columns.length > max) shown.push(`and ${(columns.length - max).toLocaleString("en")} more`);
  return shown.join(", ");
}

/** Why a header looks like personal data, or null. */
export function personalDataIn(header: string): string | null {
  const key = header.toLowerCase().replace(/[\s_.\-/]+/g, "");
  for (const [pattern, what] of personalHeader) if (pattern.test(key)) return what;
  return null;
}

/** The file's columns that look like personal data, with what each seems to hold. */
export function personalColumns(headers: readonly string[]) {
  return headers.flatMap((header) => {
    const what = personalDataIn(header);
    return what ? [{ column: header, holds: what }] : [];
  });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const controlCharacter = /[\x00-\x1f\x7f]/;

const email = /[^\s@]+@[^\s@]+\.[^\s@]+/;

/** A value that looks like a person's contact detail (checked in the text columns we keep). */
export function personalValue(value: string): string | null {
  // Cheap tests first: this runs on every kept text field of every row.
  if (value.includes("@") && email.test(value)) return "an email address";
  const first = value.charCodeAt(0);
  if (first !== 43 /* + */ && first !== 48 /* 0 */) return null;
  const digits = value.replace(/\D/g, "");
  if (/^\+?[\d\s().-]+$/.test(value) && digits.length >= 9) return "a phone number";
  return null;
}

/** Suggests a mapping from header names a contact-centre export usually has. */
export function suggestMapping(headers: readonly string[]): Partial<CallColumnMapping> {
  const find = (pattern: RegExp) =>
    headers.find((h) => pattern.test(h.toLowerCase().replace(/[\s_.-]+/g, "")));
  // A year column beside a week-number column: the week is the two together.
  const year = find(/^(year|yr|isoyear|anno)$/);
  const week = year ? find(/^(\w*week|weekno|weeknumber|wk|settimana)$/) : undefined;
  const date = find(
    week ? /^(date|day|calldate|weekstart|period)$/ : /^(date|day|calldate|weekstart|week|period)$/,
  );
  const found: Partial<CallColumnMapping> = {
    ...(date ? { date } : week ? { year, week } : {}),
    reason: find(/^(reason|reasoncode|code|calltype|category|callreason|callertype)$/),
    calls: find(/^(calls|count|volume|callcount|numberofcalls|total|n)$/),
    segment: find(/^(segment|customersegment|group)$/),
    region: find(/^(region|area|province|state|county)$/),
    reference: find(/^(reference|ref|campaign|campaignid|communication|message|messageid)$/),
  };
  return Object.fromEntries(
    Object.entries(found).filter(([, v]) => v),
  ) as Partial<CallColumnMapping>;
}

const DAY = 86_400_000;

/** A calendar date as a UTC midnight, or null if it is not a real date in this format. */
export function parseCallDate(value: string, format: DateFormat): Date | null {
  // Files are sorted by date more often than not: the last answer is reused.
  if (value === lastDate.value && format === lastDate.format) return lastDate.date;
  const date = parseDate(value, format);
  lastDate = { value, format, date };
  return date;
}

let lastDate: { value: string; format: DateFormat; date: Date | null } = {
  value: "",
  format: "iso",
  date: null,
};

function parseDate(value: string, format: DateFormat): Date | null {
  const week = /^(\d{4})-?W(\d{2})$/i.exec(value);
  if (week) return isoWeekStart(Number(week[1]), Number(week[2]));
  let parts: RegExpExecArray | null;
  let y: number;
  let m: number;
  let d: number;
  if (format === "iso") {
    parts = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
    if (!parts) return null;
    [y, m, d] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  } else {
    parts = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
    if (!parts) return null;
    const [a, b] = [Number(parts[1]), Number(parts[2])];
    [d, m] = format === "dmy" ? [a, b] : [b, a];
    y = Number(parts[3]);
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return null;
  return date;
}

/** The Monday of ISO week `week` of `year`, or null if the year has no such week. */
function isoWeekStart(year: number, week: number): Date | null {
  if (week < 1 || week > 53) return null;
  const start = new Date(mondayOfWeek1(year) + (week - 1) * 7 * DAY);
  // Week 53 exists only in years whose 28 December falls in it.
  if (week === 53 && mondayOfWeek1(year + 1) <= start.getTime()) return null;
  return start;
}

/** The Monday of ISO week 1 (the week holding 4 January), in epoch milliseconds. */
function mondayOfWeek1(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  return jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
}

/** The year's first Sunday, in epoch milliseconds. */
function firstSunday(year: number): number {
  const jan1 = Date.UTC(year, 0, 1);
  return jan1 + ((7 - new Date(jan1).getUTCDay()) % 7) * DAY;
}

/** How many ISO weeks a year has: 53 when its 28 December is in week 53, else 52. */
function isoWeeksIn(year: number): number {
  return isoWeekStart(year, 53) ? 53 : 52;
}

/**
 * The Monday a week stands for, from its year and number, or why there is no
 * such week. An ISO week is Monday to Sunday, so it is its own Monday. A
 * Sunday-to-Saturday week is stored under the Monday inside it (six of its
 * seven days); its week 0 and the year's last week are the two halves of the
 * week that holds 1 January, and both stand for that week's Monday (the
 * import adds the halves together).
 */
export function weekMonday(
  year: number,
  week: number,
  numbering: WeekNumbering,
): { day: Date } | { problem: string } {
  if (numbering === "iso") {
    const day = isoWeekStart(year, week);
    if (day) return { day };
    const weeks = isoWeeksIn(year);
    if (week === 0)
      return {
        problem: `is not an ISO week: they run 1 to ${weeks} in ${year}. If week 0 holds the days before the year's first Sunday, choose Sunday-to-Saturday weeks`,
      };
    if (week === 53)
      return {
        problem: `is not a week of ${year}: ISO ${year} has 52 weeks (53 only in years whose 28 December falls in week 53, like 2020 and 2026)`,
      };
    return { problem: `is not an ISO week: they run 1 to ${weeks} in ${year}` };
  }
  const sunday = firstSunday(year);
  const jan1IsSunday = sunday === Date.UTC(year, 0, 1);
  const last = Math.floor((Date.UTC(year, 11, 31) - sunday) / (7 * DAY)) + 1;
  if (week === 0 && jan1IsSunday)
    return {
      problem: `is not a week of ${year}: 1 January ${year} is a Sunday, so its week 1 starts that day and there is no week 0`,
    };
  if (week > last)
    return {
      problem: `is not a week of ${year}: counted Sunday to Saturday, its weeks run ${jan1IsSunday ? 1 : 0} to ${last}`,
    };
  return { day: new Date(sunday + (week - 1) * 7 * DAY + DAY) };
}

let lastWeek: {
  year: string;
  week: string;
  numbering: WeekNumbering;
  read: ReturnType<typeof weekMonday>;
} = { year: "", week: "", numbering: "iso", read: { problem: "" } };

/** weekMonday for a row's text, reusing the last answer (a file repeats a week on many rows). */
function readWeek(year: string, week: string, numbering: WeekNumbering) {
  if (year === lastWeek.year && week === lastWeek.week && numbering === lastWeek.numbering)
    return lastWeek.read;
  const read = weekMonday(Number(year), Number(week), numbering);
  lastWeek = { year, week, numbering, read };
  return read;
}

export interface CallRow {
  day: Date;
  /**
   * Which of the file's periods the row counts: 0, except for
   * Sunday-to-Saturday weeks (year × 100 + week), where two periods — the
   * halves of a week split by New Year — can stand for the same Monday.
   */
  period: number;
  reason: string;
  calls: number;
  segment: string;
  region: string;
  reference: string;
}

export interface RowProblem {
  line: number;
  column: string;
  value: string;
  message: string;
}

/**
 * The days a count may be for. A real calendar date can still be a typo
 * (9999-12-31, 1026 for 2026) that would sit in the data for ever; a feed's
 * rows are past days, so a year ahead leaves room for time zones and forecasts.
 */
const EARLIEST_DAY = Date.UTC(1900, 0, 1);
const LATEST_AHEAD = 366 * DAY;

const dateExamples: Record<DateFormat, string> = {
  iso: "2026-03-01",
  dmy: "01/03/2026",
  mdy: "03/01/2026",
};

/**
 * Reads one record through the mapping. Returns the row, or every problem
 * in it, each naming the line and the column.
 */
export function readCallRow(
  fields: readonly string[],
  line: number,
  columns: { index: Record<MappedField, number | undefined>; headers: readonly string[] },
  granularity: Granularity,
  format: DateFormat,
  weeks: WeekNumbering = "iso",
): { row: CallRow } | { problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  if (fields.length !== columns.headers.length)
    return {
      problems: [
        {
          line,
          column: "",
          value: "",
          message: `has ${fields.length} field${fields.length === 1 ? "" : "s"} where the header has ${columns.headers.length}${fields.length < columns.headers.length ? ": is the file cut off, or a value missing?" : ": is a value holding an unquoted delimiter?"}`,
        },
      ],
    };
  // An unmapped field has no header and no value: both read as empty.
  const cell = (cells: readonly string[], field: MappedField) => {
    const i = columns.index[field];
    return i === undefined ? "" : (cells[i] ?? "");
  };
  const value = (field: MappedField) => cell(fields, field);
  const problem = (field: MappedField, message: string) =>
    problems.push({
      line,
      column: excerpt(cell(columns.headers, field)),
      value: excerpt(value(field)),
      message,
    });

  let day: Date | null = null;
  let period = 0;
  // Where the day came from: the date column, or the year (with the week).
  let dayField: MappedField = "date";
  if (columns.index.year !== undefined || columns.index.week !== undefined) {
    dayField = "year";
    const [yearText, weekText] = [value("year"), value("week")];
    if (!/^\d{4}$/.test(yearText))
      problem(
        "year",
        yearText ? "is not a year (four digits, like 2026)" : "is empty: every row needs a year",
      );
    else if (!/^\d{1,2}$/.test(weekText))
      problem(
        "week",
        weekText
          ? "is not a week number (a whole number, like 9)"
          : "is empty: every row needs a week number",
      );
    else {
      const read = readWeek(yearText, weekText, weeks);
      if ("problem" in read) problem("week", read.problem);
      else day = read.day;
      if (weeks === "sunday") period = Number(yearText) * 100 + Number(weekText);
    }
  } else {
    day = parseCallDate(value("date"), format);
    if (!value("date")) problem("date", "is empty: every row needs a date");
    else if (!day) problem("date", `is not a date written like ${dateExamples[format]}`);
    else if (granularity === "WEEK" && day.getUTCDay() !== 1)
      problem("date", "is not a Monday: weekly rows give the Monday the week starts (or 2026-W09)");
  }
  if (!day) {
    // Told above.
  } else if (day.getTime() < EARLIEST_DAY) problem(dayField, "is before 1900: is the year right?");
  else if (day.getTime() > Date.now() + LATEST_AHEAD)
    problem(
      dayField,
      `is more than a year from today (after ${new Date(Date.now() + LATEST_AHEAD).toISOString().slice(0, 10)}): calls counted cannot be that far ahead; is the year right?`,
    );

  const reason = value("reason");
  if (!reason) problem("reason", "is empty: every row needs a reason code");
  else if (reason.length > 60) problem("reason", "is longer than 60 characters");

  const callsText = value("calls");
  const calls = /^\d+$/.test(callsText) ? Number(callsText) : Number.NaN;
  if (!callsText) problem("calls", "is empty: every row needs a count of calls");
  else if (!Number.isSafeInteger(calls) || calls > 10_000_000)
    problem(
      "calls",
      /^\d{1,3}([, ]\d{3})+$/.test(callsText)
        ? "has a thousands separator: write the count as plain digits"
        : "is not a whole number of calls (0 or more)",
    );

  for (const field of ["segment", "region", "reference", "reason"] as const) {
    const text = value(field);
    if (!text) continue;
    const personal = personalValue(text);
    if (controlCharacter.test(text))
      problem(field, "holds a control character (a tab, line break or the like)");
    else if (personal)
      problem(field, `looks like ${personal}: only aggregate counts may be imported, never people`);
    else if (text.length > 200) problem(field, "is longer than 200 characters");
  }
  // A missing day always left a problem; the second test only tells the compiler.
  if (problems.length || !day) return { problems };
  return {
    row: {
      day,
      period,
      reason,
      calls,
      segment: value("segment"),
      region: value("region"),
      reference: value("reference"),
    },
  };
}
