import type { Database, Prisma } from "@conductor/db";
import { loadActor } from "../actor";
import { can } from "../policies";
import { importReceived } from "./import";
import { failureOf, type StoredImportOptions } from "./import-job";

export type CallImportOutcome = "done" | "failed" | "not queued";

/** How often the job's row is told how far the worker has read. */
const PROGRESS_EVERY_MS = 500;

/**
 * How often a running import says it is alive, also while the database
 * merges the staged rows and nothing is read (abandoned-imports.ts fails
 * one silent for much longer).
 */
export const HEARTBEAT_EVERY_MS = 10_000;

/** What a job that broke says: never the fault's own text, which may name the database. */
const BROKE =
  "The import stopped before its end (a fault in the worker or the database): nothing was imported. Send the file again; if it fails again, tell your administrator.";

/**
 * Runs one queued call import in the job worker: claims it (QUEUED to
 * RUNNING, conditionally, so a job delivered twice runs once), reads the
 * stored file piece by piece through the same import as ever (all or
 * nothing: one transaction merges the staged rows), writes bytes and rows
 * read as it goes, then the outcome: DONE with the import's answer, or
 * FAILED with what stopped it and where. The stored file is removed
 * either way. The person who sent it must still be allowed to import.
 */
export async function runCallImport(
  db: Database,
  importId: string,
  options: {
    /** Where a fault is logged (its text is never shown to the person). */
    onFault?: (error: unknown) => void;
    progressEveryMs?: number;
    heartbeatEveryMs?: number;
  } = {},
): Promise<CallImportOutcome> {
  const onFault = options.onFault ?? (() => {});
  const progressEveryMs = options.progressEveryMs ?? PROGRESS_EVERY_MS;
  const startedAt = new Date();
  const claimed = await db.callImportJob.updateMany({
    where: { id: importId, state: "QUEUED" },
    data: { state: "RUNNING", startedAt, heartbeatAt: startedAt },
  });
  if (claimed.count === 0) return "not queued";
  const heartbeat = setInterval(() => {
    db.callImportJob
      .updateMany({ where: { id: importId, state: "RUNNING" }, data: { heartbeatAt: new Date() } })
      .catch(onFault);
  }, options.heartbeatEveryMs ?? HEARTBEAT_EVERY_MS);
  try {
    return await run();
  } finally {
    clearInterval(heartbeat);
  }

  async function run(): Promise<CallImportOutcome> {
    const job = await db.callImportJob.findUniqueOrThrow({ where: { id: importId } });
    const finish = async (
      state: "DONE" | "FAILED",
      result: unknown,
      error: string | null,
      read: { bytesRead: number; rowsRead: number },
    ) => {
      await db.callImportJob.update({
        where: { id: importId },
        data: {
          state,
          result: result === null ? undefined : (result as Prisma.InputJsonValue),
          error,
          ...read,
          finishedAt: new Date(),
        },
      });
      await db.callImportJobChunk.deleteMany({ where: { jobId: importId } });
      return state === "DONE" ? ("done" as const) : ("failed" as const);
    };

    const actor = await loadActor(db, job.requestedById);
    if (!can(actor, "calls.manage", { kind: "organization", organizationId: job.organizationId }))
      return finish(
        "FAILED",
        null,
        "Not imported: the person who sent the file may no longer import call volume in this organisation.",
        { bytesRead: 0, rowsRead: 0 },
      );

    const read = { bytesRead: 0, rowsRead: 0 };
    let told = 0;
    let telling: Promise<unknown> | null = null;
    // At most one progress write in flight; a slow one is skipped past, never queued behind.
    const tell = () => {
      if (telling || Date.now() - told < progressEveryMs) return;
      told = Date.now();
      telling = db.callImportJob
        .updateMany({
          where: { id: importId, state: "RUNNING" },
          data: { ...read, heartbeatAt: new Date() },
        })
        .catch(onFault)
        .finally(() => {
          telling = null;
        });
    };
    async function* file() {
      for (let seq = 0; ; seq++) {
        const piece = await db.callImportJobChunk.findUnique({
          where: { jobId_seq: { jobId: importId, seq } },
          select: { data: true },
        });
        if (!piece) {
          // Pieces gone before the last byte: the job was given up as
          // abandoned meanwhile. A short file must never import as whole.
          if (read.bytesRead < job.bytesTotal) throw new Error("The stored file ended early");
          return;
        }
        read.bytesRead += piece.data.length;
        tell();
        yield piece.data;
      }
    }

    const stored = job.options as unknown as StoredImportOptions;
    try {
      const result = await importReceived(
        db,
        file(),
        {
          ...stored,
          organizationId: job.organizationId,
          fileName: job.fileName,
          dryRun: job.dryRun,
        },
        { kind: "person", userId: job.requestedById },
        (records) => {
          read.rowsRead = records;
          tell();
        },
      );
      await telling;
      return result.status === "refused"
        ? finish("FAILED", result, failureOf(result), read)
        : finish("DONE", result, null, read);
    } catch (error) {
      onFault(error);
      await telling;
      return finish("FAILED", null, BROKE, read);
    }
  }
}
