import type { Database } from "@conductor/db";
import { HEARTBEAT_EVERY_MS } from "./run-call-import";

/** Silent this long, a running import's worker is taken to have died (many missed heartbeats). */
export const ABANDONED_AFTER_MS = 12 * HEARTBEAT_EVERY_MS;

/** What the importer page says of an import whose worker died. */
export const ABANDONED =
  "The worker running this import stopped (it was restarted or its machine went away): nothing was imported. Send the file again.";

/**
 * Fails the call imports whose worker died mid-run, which the queue does not
 * retry (an import claims its row once). Nothing of theirs was written: the
 * merge is one transaction, rolled back with the connection. Their stored
 * files go. If such a worker was only slow and finishes after all, its own
 * answer overwrites this one, so the row ends saying what happened.
 * Run by the job worker's pump; returns how many it failed.
 */
export async function failAbandonedCallImports(db: Database, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - ABANDONED_AFTER_MS);
  const abandoned = await db.callImportJob.findMany({
    where: {
      state: "RUNNING",
      OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null, startedAt: { lt: cutoff } }],
    },
    select: { id: true },
    take: 100,
  });
  if (abandoned.length === 0) return 0;
  const ids = abandoned.map((j) => j.id);
  const [failed] = await db.$transaction([
    db.callImportJob.updateMany({
      where: { id: { in: ids }, state: "RUNNING" },
      data: { state: "FAILED", error: ABANDONED, finishedAt: now },
    }),
    db.callImportJobChunk.deleteMany({ where: { jobId: { in: ids } } }),
  ]);
  return failed.count;
}
