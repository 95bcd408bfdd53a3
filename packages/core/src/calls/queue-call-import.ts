import type { Prisma } from "@conductor/db";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { type CallImportOptions, importAuthorized, receiveUpload } from "./import";
import { FILE_PIECE_BYTES, type StoredImportOptions } from "./import-job";
import { type UploadLimits, uploadLimits } from "./upload";

/** Checks and imports one person may have stored and not yet finished. */
export const JOBS_PER_PERSON = 3;

/** The file's bytes again, in pieces of `size` (the last one shorter). */
async function* pieces(source: AsyncIterable<Uint8Array>, size: number) {
  let piece = new Uint8Array(new ArrayBuffer(size));
  let filled = 0;
  for await (const chunk of source) {
    let at = 0;
    while (at < chunk.length) {
      const taken = Math.min(size - filled, chunk.length - at);
      piece.set(chunk.subarray(at, at + taken), filled);
      filled += taken;
      at += taken;
      if (filled === size) {
        yield piece;
        piece = new Uint8Array(new ArrayBuffer(size));
        filled = 0;
      }
    }
  }
  if (filled) yield piece.slice(0, filled);
}

/**
 * An analyst's upload, checked or imported by the job worker rather than in
 * the request: the body is received whole (receiveUpload: their upload slot,
 * size cap, idle timeout), stored in the database with the options, and the
 * request returns the job's id at once; the worker's relay queues it. In
 * the database rather than on this process's disk, so a worker on another
 * machine reads it. The pieces are written one statement each, not in one
 * transaction (on the embedded database an open transaction stops every
 * other client), under RECEIVING, which no worker takes; the job becomes
 * QUEUED only once the last piece is in, and goes if the writing fails.
 */
export async function queueCallImport(
  ctx: UseCaseContext,
  source: AsyncIterable<Uint8Array>,
  options: CallImportOptions,
  limits: UploadLimits = uploadLimits,
): Promise<{ importId: string; state: "QUEUED"; bytes: number }> {
  const { actor } = importAuthorized(ctx, options.organizationId);
  // Each waiting job keeps its whole file in the database: a person's few at a time.
  const waiting = await ctx.db.callImportJob.count({
    where: { requestedById: actor.userId, state: { in: ["RECEIVING", "QUEUED", "RUNNING"] } },
  });
  if (waiting >= JOBS_PER_PERSON)
    throw new AppError(
      "RATE_LIMITED",
      `You already have ${JOBS_PER_PERSON} checks or imports waiting or running. Wait for one of them to finish, then send this file again.`,
    );
  return receiveUpload(`person:${actor.userId}`, source, limits, async (upload) => {
    const stored: StoredImportOptions = {
      granularity: options.granularity,
      dateFormat: options.dateFormat,
      mapping: options.mapping,
      dropColumns: options.dropColumns,
      ...(options.weeks ? { weeks: options.weeks } : {}),
      ...(options.keep ? { keep: options.keep } : {}),
    };
    const job = await ctx.db.callImportJob.create({
      data: {
        organizationId: options.organizationId,
        requestedById: actor.userId,
        state: "RECEIVING",
        dryRun: options.dryRun,
        fileName: options.fileName,
        options: stored as unknown as Prisma.InputJsonValue,
        bytesTotal: upload.bytes,
      },
      select: { id: true },
    });
    try {
      let seq = 0;
      for await (const data of pieces(upload.chunks(), FILE_PIECE_BYTES))
        await ctx.db.callImportJobChunk.create({ data: { jobId: job.id, seq: seq++, data } });
      await ctx.db.callImportJob.update({ where: { id: job.id }, data: { state: "QUEUED" } });
    } catch (error) {
      // Its pieces go with it (cascade).
      await ctx.db.callImportJob.delete({ where: { id: job.id } }).catch(() => {});
      throw error;
    }
    return { importId: job.id, state: "QUEUED" as const, bytes: upload.bytes };
  });
}
