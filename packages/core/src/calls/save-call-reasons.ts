import type { z } from "zod";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorize } from "../policies";
import type { saveCallReasonsSchema } from "../schemas";
import { callSettings, organization } from "./taxonomy";

/**
 * Adds or relabels reason codes (codes are kept: data refers to them).
 * All or nothing, in one transaction.
 */
export async function saveCallReasons(
  ctx: UseCaseContext,
  input: z.output<typeof saveCallReasonsSchema>,
) {
  authorize(ctx.actor, "calls.manage", organization(input.organizationId), "Organisation");
  const codes = input.reasons.map((r) => r.code);
  const repeated = codes.find((code, i) => codes.indexOf(code) !== i);
  if (repeated)
    throw new AppError("INVALID_INPUT", `Reason code "${repeated}" is listed twice`, {
      reasons: `"${repeated}" is listed twice`,
    });
  await ctx.db.$transaction(
    input.reasons.map((reason) =>
      ctx.db.callReason.upsert({
        where: { organizationId_code: { organizationId: input.organizationId, code: reason.code } },
        create: { organizationId: input.organizationId, ...reason },
        update: { label: reason.label, failureDemand: reason.failureDemand },
      }),
    ),
  );
  return callSettings(ctx, input.organizationId);
}
