import type { CallImportOptions, CallImportResult } from "./import";

/**
 * What a call-import job keeps beside the file: the options of the upload,
 * less what has columns of its own (organisation, file name, check or import).
 */
export type StoredImportOptions = Pick<
  CallImportOptions,
  "granularity" | "dateFormat" | "mapping" | "dropColumns" | "weeks" | "keep"
>;

/** A value as it comes back from a JSON column: dates as ISO strings. */
export type Stored<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Stored<U>[]
    : T extends object
      ? { [K in keyof T]: Stored<T[K]> }
      : T;

/** An import's answer as the job row keeps it (and the importer page reads it). */
export type StoredImportResult = Stored<CallImportResult>;

/** Bytes per stored piece of an uploaded file: a row each, small enough to read one at a time. */
export const FILE_PIECE_BYTES = 1024 * 1024;

/**
 * The error a failed job shows: what stopped it and, for a problem in a
 * row, where — "line 10,233, column date: “2024-02-30” is not a date…".
 * The full list of problems stays in the result.
 */
export function failureOf(result: Extract<CallImportResult, { status: "refused" }>): string {
  const [first] = result.problems;
  if (!first) return result.message;
  const where = [
    `line ${first.line.toLocaleString("en")}`,
    first.column ? `column ${first.column}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  const value = first.value ? `“${first.value}” ` : "";
  return `${result.message}. First: ${where}: ${value}${first.message}`;
}
