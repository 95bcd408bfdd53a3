import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";

/**
 * The signed-in person's check or import that the worker has not finished,
 * newest first, so the importer page opened again (another tab, after
 * leaving it) shows its progress instead of an idle form. Only their own:
 * a colleague's upload is theirs to watch. Null when none is under way.
 */
export async function callImportUnderWay(ctx: UseCaseContext, organizationId: string) {
  const { actor } = authorizeInOrganization(ctx, "calls.manage", organizationId);
  const job = await ctx.db.callImportJob.findFirst({
    where: { organizationId, requestedById: actor.userId, state: { in: ["QUEUED", "RUNNING"] } },
    orderBy: { createdAt: "desc" },
    select: { id: true, dryRun: true, fileName: true },
  });
  return job && { importId: job.id, dryRun: job.dryRun, fileName: job.fileName };
}
