// Dates as people and systems send them. `new Date(text)` guesses: it reads
// "18/05/2027" as nothing, "05/18/2027" as May, rolls 2027-02-30 on to
// 2 March, and a null coerced to a date is 1 January 1970. Only ISO 8601 is
// read here, and only a day the calendar has.

const isoPattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Reads `YYYY-MM-DD` (midnight UTC) or a date-time with its offset
 * (`2027-05-18T09:00:00Z`, `…+01:00`). Null when the text is not one, or
 * names a day or time that does not exist. A date-time without an offset is
 * refused: which midnight it meant depends on where it was typed.
 */
export function readIsoDate(text: string): Date | null {
  const parts = isoPattern.exec(text);
  if (!parts) return null;
  const [, y, mo, d, h, mi, s, fraction, offset] = parts;
  const [year, month, day] = [Number(y), Number(mo), Number(d)];
  const calendarDay = new Date(Date.UTC(year, month - 1, day));
  if (
    calendarDay.getUTCFullYear() !== year ||
    calendarDay.getUTCMonth() !== month - 1 ||
    calendarDay.getUTCDate() !== day
  )
    return null;
  if (h === undefined) return calendarDay;
  const [hour, minute, second] = [Number(h), Number(mi), Number(s ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return null;
  let shift = 0;
  if (offset && offset !== "Z") {
    const [oh, om] = [Number(offset.slice(1, 3)), Number(offset.slice(4, 6))];
    if (oh > 14 || om > 59) return null;
    shift = (offset[0] === "-" ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  const millis = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  return new Date(
    calendarDay.getTime() + ((hour * 60 + minute) * 60 + second) * 1000 + millis - shift,
  );
}

/**
 * A date a person or system sent (ISO text, or a Date from our own client),
 * or the sentence saying why it is not one — for every schema that takes a
 * date, so they all read and refuse dates alike.
 */
export function readSentDate(value: string | Date): { date: Date } | { problem: string } {
  const date =
    value instanceof Date
      ? Number.isNaN(value.getTime())
        ? null
        : value
      : readIsoDate(value.trim());
  if (date) return { date };
  const suggestion = typeof value === "string" ? isoSpellingOf(value) : null;
  return {
    problem: `${quoted(value)} is not a date: write it as YYYY-MM-DD${suggestion ? ` (${suggestion})` : ", a day the calendar has"}`,
  };
}

/** A value quoted for an error message, short enough to read. */
export function quoted(value: unknown): string {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? "an invalid date" : value.toISOString();
  if (typeof value !== "string") {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 40 ? `${text.slice(0, 40)}…` : text;
  }
  return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
}

/**
 * For a day written the British way with a day above 12 (18/05/2027), the
 * ISO spelling to suggest; other slash dates could be either order.
 */
export function isoSpellingOf(text: string): string | null {
  const parts = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!parts) return null;
  const [first, second, year] = [Number(parts[1]), Number(parts[2]), parts[3]];
  if (first <= 12 || second > 12) return null;
  const iso = `${year}-${String(second).padStart(2, "0")}-${String(first).padStart(2, "0")}`;
  return readIsoDate(iso) ? iso : null;
}
