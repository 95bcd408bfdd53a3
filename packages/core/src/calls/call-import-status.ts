import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import { authorize } from "../policies";
import { isUuid } from "../uuid";
import type { StoredImportResult } from "./import-job";

/**
 * Where a queued check or import stands, for the importer page's progress
 * bar: state, bytes and rows read, and the answer when done. For those who
 * may manage call volume in its organisation; another organisation's job,
 * or an id naming none, is not found alike.
 */
export async function callImportStatus(ctx: UseCaseContext, input: { importId: string }) {
  if (!ctx.actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  if (!isUuid(input.importId)) throw notFound("Call import");
  const job = await ctx.db.callImportJob.findUnique({
    where: { id: input.importId },
    select: {
      id: true,
      organizationId: true,
      state: true,
      dryRun: true,
      fileName: true,
      bytesTotal: true,
      bytesRead: true,
      rowsRead: true,
      result: true,
      error: true,
      createdAt: true,
      startedAt: true,
      finishedAt: true,
    },
  });
  if (!job) throw notFound("Call import");
  authorize(
    ctx.actor,
    "calls.manage",
    { kind: "organization", organizationId: job.organizationId },
    "Call import",
  );
  const { id, result, ...rest } = job;
  return { importId: id, ...rest, result: result as StoredImportResult | null };
}
