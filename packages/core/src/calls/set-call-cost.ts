import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import type { setCallCostSchema } from "../schemas";

/** Sets what one customer call costs the organisation (null clears it); audited when it changes. */
export async function setCallCost(ctx: UseCaseContext, input: z.output<typeof setCallCostSchema>) {
  const { actor } = authorizeInOrganization(ctx, "calls.setCost", input.organizationId);
  const to = {
    costPerCallCents: input.costPerCall === null ? null : Math.round(input.costPerCall * 100),
    currency: input.currency,
  };
  await ctx.db.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<
      { costPerCallCents: number | null; costCurrency: string }[]
    >`
      SELECT "costPerCallCents", "costCurrency" FROM "Organization" WHERE id = ${input.organizationId} FOR UPDATE`;
    const from = {
      costPerCallCents: before?.costPerCallCents ?? null,
      currency: before?.costCurrency ?? "USD",
    };
    if (from.costPerCallCents === to.costPerCallCents && from.currency === to.currency) return;
    await tx.organization.update({
      where: { id: input.organizationId },
      data: { costPerCallCents: to.costPerCallCents, costCurrency: to.currency },
    });
    await appendAuditEvent(tx, {
      organizationId: input.organizationId,
      kind: "REVIEW_SETTINGS_CHANGED",
      actorId: actor.userId,
      payload: { setting: "callCost", from, to },
    });
  });
  return {
    costPerCall: to.costPerCallCents === null ? null : to.costPerCallCents / 100,
    currency: to.currency,
  };
}
