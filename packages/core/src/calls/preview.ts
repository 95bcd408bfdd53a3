import type { UseCaseContext } from "../context";
import { CsvSyntaxError, csvRecords, delimiterOf, MAX_LINE, NotACsvFile, sniffCsv } from "./csv";
import { importAuthorized } from "./import";
import { personalColumns, suggestMapping } from "./rows";
import { nextWithin, uploadLimits } from "./upload";

/** What a preview reads of a file: the browser sends only this much. */
export const PREVIEW_SAMPLE = 64 * 1024;
/** How much more of a larger body is read and thrown away, so the connection stays usable. */
export const PREVIEW_DRAIN = 16 * 1024 * 1024;

/**
 * The first `size` bytes of a body for a preview. The rest is read and
 * discarded, up to `drain` bytes: a body left unread mid-stream leaves a
 * kept-alive connection stuck between requests, and the client's next
 * request on it is reset. `complete` is false when the body was not read
 * to its end (larger than that, or it stalled once the sample was in):
 * the answer must then close the connection. A body that stalls before
 * the sample is in is an UPLOAD_STALLED error.
 */
export async function readPreviewSample(
  source: AsyncIterable<Uint8Array>,
  { size = PREVIEW_SAMPLE, drain = PREVIEW_DRAIN, idleMs = uploadLimits.idleMs } = {},
): Promise<{ sample: Uint8Array; complete: boolean }> {
  const iterator = source[Symbol.asyncIterator]();
  const sample = new Uint8Array(size);
  let taken = 0;
  let read = 0;
  let complete = false;
  try {
    for (;;) {
      let next: IteratorResult<Uint8Array>;
      try {
        next = await nextWithin(iterator, idleMs);
      } catch (error) {
        if (taken < size) throw error;
        break;
      }
      if (next.done) {
        complete = true;
        break;
      }
      read += next.value.length;
      if (taken < size) {
        const part = next.value.subarray(0, size - taken);
        sample.set(part, taken);
        taken += part.length;
      }
      if (read > size + drain) break;
    }
  } finally {
    if (!complete) iterator.return?.()?.catch(() => {});
  }
  return { sample: sample.subarray(0, taken), complete };
}

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
  // A whole sample without a line break: the first line alone is longer than a CSV line can be.
  if (sample.length >= PREVIEW_SAMPLE && !/[\r\n]/.test(text))
    return {
      ok: false as const,
      message: `line 1 is longer than ${MAX_LINE.toLocaleString("en")} characters; is this a CSV file?`,
    };
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
