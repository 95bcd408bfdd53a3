import { finished } from "node:stream/promises";
import { parse } from "csv-parse";

/**
 * Reading the contact centre's CSV: sniffing what kind of file it is,
 * guessing the delimiter from the header line, and streaming records with
 * the line each starts on, so every problem can name its row.
 */

export type Delimiter = "," | ";" | "\t";

export class NotACsvFile extends Error {
  override readonly name = "NotACsvFile";
}

/** Refuses what is plainly not a CSV text file, from its first bytes. */
export function sniffCsv(head: Uint8Array) {
  if (head.length === 0) throw new NotACsvFile("The file is empty");
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04))
    throw new NotACsvFile(
      "This is a zip or Excel workbook (.xlsx), not a CSV file: save it as CSV first",
    );
  if (starts(0x25, 0x50, 0x44, 0x46)) throw new NotACsvFile("This is a PDF, not a CSV file");
  if (head.subarray(0, 4096).includes(0))
    throw new NotACsvFile("This file holds binary data, not CSV text");
  try {
    // A multi-byte character may be cut at the end of the sample; only what precedes matters.
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, 4096), { stream: true });
  } catch {
    throw new NotACsvFile(
      "This file is not UTF-8 text: export it as CSV (UTF-8) from the spreadsheet",
    );
  }
}

/** The delimiter the header line uses most: comma, semicolon (European exports) or tab. */
export function guessDelimiter(headerLine: string): Delimiter {
  const counts = ([",", ";", "\t"] as const).map((d) => [d, headerLine.split(d).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

export interface CsvRecord {
  fields: string[];
  /** The file line the record starts on (the header is line 1). */
  line: number;
}

/**
 * Streams records from CSV bytes. Field counts are not enforced here (the
 * importer reports a short row with its line rather than stopping); a
 * quote left open at the end of the file does stop it, as a CsvSyntaxError.
 *
 * Contact-centre exports are mostly plain — no quotes at all — and for those
 * splitting lines and fields directly is about twice as fast as a general
 * parser (measured on 1,000,000 rows). From the first chunk holding a quote
 * (or from the start, for a file with bare carriage returns) the rest goes
 * to csv-parse, which owns every quoting rule.
 */
export async function* csvRecords(
  source: AsyncIterable<Uint8Array>,
  delimiter: Delimiter,
): AsyncGenerator<CsvRecord> {
  const decoder = new TextDecoder();
  const iterator = source[Symbol.asyncIterator]();
  const texts = async function* (first: string) {
    yield first;
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      yield decoder.decode(next.value, { stream: true });
    const last = decoder.decode();
    if (last) yield last;
  };
  let carry = "";
  let lines = 0;
  let started = false;
  for (;;) {
    const next = await iterator.next();
    // Only the new part is searched: the carried start of a line was searched
    // already, and searching it again for every chunk made a file without
    // line breaks quadratic.
    const part = next.done ? decoder.decode() : decoder.decode(next.value, { stream: true });
    let text = carry + part;
    if (!started && text) {
      started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (/\r(?!\n)/.test(text.slice(0, -1))) return yield* parsed(texts(text), delimiter, 0);
    }
    if (part.includes('"')) return yield* parsed(texts(text), delimiter, lines);
    const end = next.done ? text.length : part.includes("\n") ? text.lastIndexOf("\n") : -1;
    if (end < 0) {
      if (text.length > MAX_LINE) throw lineTooLong(lines + 1);
      carry = text;
      continue;
    }
    carry = text.slice(end + 1);
    const records: CsvRecord[] = [];
    for (const raw of text.slice(0, end).split("\n")) {
      lines++;
      if (raw.length > MAX_LINE + 1) {
        yield* records;
        throw lineTooLong(lines);
      }
      const row = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
      if (row === "") continue;
      const fields = row.split(delimiter).map((field) => field.trim());
      records.push({ fields, line: lines });
    }
    yield* records;
    if (next.done) return;
    if (carry.length > MAX_LINE) throw lineTooLong(lines + 1);
  }
}

/**
 * The longest line (or quoted record) read, in characters. A contact-centre
 * row is a few dozen; a file past this is not a CSV export, and holding it
 * whole would let one upload fill the server's memory.
 */
export const MAX_LINE = 65_536;

function lineTooLong(line: number) {
  return new CsvSyntaxError(
    `line ${line.toLocaleString("en")} is longer than ${MAX_LINE.toLocaleString("en")} characters; is this a CSV file?`,
    line,
  );
}

/** The general path: csv-parse over decoded text, lines counted on from `linesBefore`. */
async function* parsed(
  texts: AsyncIterable<string>,
  delimiter: Delimiter,
  linesBefore: number,
): AsyncGenerator<CsvRecord> {
  // Records are taken as they are parsed (on_record) and handed on after
  // each chunk, so a syntax error at the end of the file comes after every
  // record before it, never instead of them.
  let pending: CsvRecord[] = [];
  const parser = parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
    max_record_size: MAX_LINE,
    on_record: (record: string[], context: { lines: number }) => {
      pending.push({ fields: record, line: linesBefore + startLine(context.lines, record) });
      return null;
    },
  });
  const settled = finished(parser);
  settled.catch(() => {});
  const take = () => {
    const out = pending;
    pending = [];
    return out;
  };
  try {
    for await (const text of texts) {
      await new Promise<void>((resolve, reject) =>
        parser.write(text, (error) => (error ? reject(error) : resolve())),
      );
      yield* take();
    }
    parser.end();
    parser.resume();
    await settled;
    yield* take();
  } catch (error) {
    yield* take();
    const code = (error as { code?: string }).code;
    const line = linesBefore + ((error as { lines?: number }).lines ?? 0);
    if (code === "CSV_QUOTE_NOT_CLOSED")
      throw new CsvSyntaxError("The file ends inside a quoted value: it looks cut off", line);
    if (code === "CSV_MAX_RECORD_SIZE") throw lineTooLong(line);
    // csv-parse's messages describe the fault, not the data, but are capped all the same.
    if (code?.startsWith("CSV_"))
      throw new CsvSyntaxError((error as Error).message.slice(0, 200), line);
    throw error;
  } finally {
    if (!parser.destroyed) parser.destroy();
  }
}

/** csv-parse reports the line a record ends on; a quoted field may span lines. */
function startLine(endLine: number, record: string[]) {
  let newlines = 0;
  for (const field of record) for (const char of field) if (char === "\n") newlines++;
  return endLine - newlines;
}

export class CsvSyntaxError extends Error {
  override readonly name = "CsvSyntaxError";
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** The delimiter from the first line of the first chunk. */
export function delimiterOf(head: Uint8Array): Delimiter {
  const text = new TextDecoder().decode(head.subarray(0, 64 * 1024));
  return guessDelimiter(text.split(/\r?\n/, 1)[0] ?? "");
}
