import type { LoadedCommunication } from "../communications/communications";
import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import { attributionWindows } from "./attribution";

/** The organisation's reason codes, the attribution windows, and what was imported when. */
export async function callSettings(ctx: UseCaseContext, organizationId: string) {
  authorizeInOrganization(ctx, "calls.read", organizationId);
  const [reasons, org, imports] = await Promise.all([
    ctx.db.callReason.findMany({ where: { organizationId }, orderBy: { code: "asc" } }),
    ctx.db.organization.findUniqueOrThrow({
      where: { id: organizationId },
      select: { attributionDays: true, costPerCallCents: true, costCurrency: true },
    }),
    ctx.db.callImport.findMany({
      where: { organizationId },
      orderBy: { createdAt: "desc" },
      take: 20,
    }),
  ]);
  return {
    reasons,
    windows: attributionWindows(org.attributionDays),
    imports,
    /** What one call costs (major units), null until an admin sets it. */
    cost: {
      costPerCall: org.costPerCallCents === null ? null : org.costPerCallCents / 100,
      currency: org.costCurrency,
    },
  };
}

/** The reason codes a communication is expected to drive. */
export async function communicationCallReasons(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
) {
  const rows = await ctx.db.communicationCallReason.findMany({
    where: { communicationId: communication.id },
    orderBy: { reasonCode: "asc" },
  });
  return rows.map((r) => r.reasonCode);
}
