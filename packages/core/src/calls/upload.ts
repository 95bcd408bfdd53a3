import { createReadStream } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AppError } from "../errors";

/**
 * Receiving an uploaded file before anything touches the database. A
 * transaction must never wait on a client: a client that claims a large
 * file and stops sending would hold a pooled connection idle in
 * transaction for as long as it liked, and a few such clients hold them
 * all. So the body is written to a temporary file first (with a size cap
 * and an idle timeout), and the import reads that file, at disk speed,
 * inside a short transaction.
 */

export interface UploadLimits {
  /** Longest wait for the next bytes of the body before the upload is given up. */
  idleMs: number;
  /** Largest file accepted, in bytes. */
  maxBytes: number;
}

export const uploadLimits: UploadLimits = {
  idleMs: 30_000,
  // A million daily rows with every optional column is about 80 MB.
  maxBytes: 512 * 1024 * 1024,
};

/** Why an upload stopped before its end: the route answers 408 or 413 and closes the connection. */
export type UploadInterruption = "UPLOAD_STALLED" | "UPLOAD_TOO_LARGE";

export const uploadStalled = (idleMs: number) =>
  new AppError(
    "INVALID_INPUT",
    `The upload stopped: no data arrived for ${Math.round(idleMs / 1000)} seconds. Nothing was imported; send the file again.`,
    undefined,
    "UPLOAD_STALLED" satisfies UploadInterruption,
  );

export const uploadTooLarge = (maxBytes: number) =>
  new AppError(
    "INVALID_INPUT",
    `The file is larger than ${Math.round(maxBytes / 1024 / 1024).toLocaleString("en")} MB. Nothing was imported; split it into smaller files (a month each, say).`,
    undefined,
    "UPLOAD_TOO_LARGE" satisfies UploadInterruption,
  );

/** The interruption an error stands for, if it is one. */
export function uploadInterruption(error: unknown): UploadInterruption | null {
  if (!(error instanceof AppError)) return null;
  return error.reason === "UPLOAD_STALLED" || error.reason === "UPLOAD_TOO_LARGE"
    ? error.reason
    : null;
}

/**
 * The next chunk of a body, or an UPLOAD_STALLED error when none comes in
 * time. The pending read is abandoned, not cancelled: under Node's HTTP
 * server cancelling the body destroys the socket, and the client would
 * never read why.
 */
export async function nextWithin<T>(
  iterator: AsyncIterator<T>,
  idleMs: number,
): Promise<IteratorResult<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(uploadStalled(idleMs)), idleMs);
  });
  try {
    return await Promise.race([iterator.next(), stalled]);
  } finally {
    clearTimeout(timer);
  }
}

export interface SpooledUpload {
  bytes: number;
  /** The file's bytes again, from disk. */
  chunks(): AsyncIterable<Uint8Array>;
}

/**
 * Writes the whole body to a temporary file, then hands it to `use`; the
 * file is removed afterwards whatever happens.
 */
export async function withSpooledUpload<T>(
  source: AsyncIterable<Uint8Array>,
  limits: UploadLimits,
  use: (upload: SpooledUpload) => Promise<T>,
): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), "conductor-upload-"));
  const path = join(folder, "upload.csv");
  try {
    const file = await open(path, "w");
    let bytes = 0;
    const iterator = source[Symbol.asyncIterator]();
    try {
      for (let next = await nextWithin(iterator, limits.idleMs); !next.done; ) {
        bytes += next.value.length;
        if (bytes > limits.maxBytes) throw uploadTooLarge(limits.maxBytes);
        await file.write(next.value);
        next = await nextWithin(iterator, limits.idleMs);
      }
    } catch (error) {
      // Let the source release what it holds, without waiting on a stalled read.
      iterator.return?.()?.catch(() => {});
      throw error;
    } finally {
      await file.close();
    }
    return await use({
      bytes,
      chunks: () => createReadStream(path, { highWaterMark: 256 * 1024 }),
    });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
