import type { UseCaseContext } from "../context";
import { CsvSyntaxError, csvRecords, delimiterOf, NotACsvFile, sniffCsv } from "./csv";
import { importAuthorized } from "./import";
import { personalColumns, suggestMapping } from "./rows";

/** The first part of a file, read for the preview: header, sample rows, guesses. */
export async function previewCallCsv(sample: Uint8Array) {
  try {
    sniffCsv(sample);
  } catch (error) {
    if (error instanceof NotACsvFile) return { ok: false as const, message: error.message };
    throw error;
  }
  const delimiter = delimiterOf(sample);
  // The sample may end mid-row: keep only whole lines.
  const text = new TextDecoder().decode(sample);
  const whole = text.slice(0, Math.max(text.lastIndexOf("\n"), 0) || text.length);
  const rows: string[][] = [];
  try {
    for await (const record of csvRecords(
      (async function* () {
        yield new TextEncoder().encode(whole);
      })(),
      delimiter,
    )) {
      rows.push(record.fields);
      if (rows.length > 20) break;
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
  }
  const headers = rows[0] ?? [];
  return {
    ok: true as const,
    delimiter,
    headers,
    sample: rows.slice(1),
    suggested: suggestMapping(headers),
    personalColumns: personalColumns(headers),
  };
}

/** The preview of an upload, for someone who may import. */
export async function previewCallVolumeUpload(
  ctx: UseCaseContext,
  organizationId: string,
  sample: Uint8Array,
) {
  importAuthorized(ctx, organizationId);
  return previewCallCsv(sample);
}
