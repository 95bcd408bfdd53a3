import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { AuditPayloads, CallReasonFields } from "../audit/events";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorizeInOrganization } from "../policies";
import type { saveCallReasonsSchema } from "../schemas";
import { callSettings } from "./taxonomy";

type CallReasonsChanged = AuditPayloads["CALL_REASONS_CHANGED"];

/**
 * Adds or relabels reason codes (codes are kept: data refers to them).
 * All or nothing, in one transaction.
 */
export async function saveCallReasons(
  ctx: UseCaseContext,
  input: z.output<typeof saveCallReasonsSchema>,
) {
  const { actor } = authorizeInOrganization(ctx, "calls.manage", input.organizationId);
  const codes = input.reasons.map((r) => r.code);
  const repeated = codes.find((code, i) => codes.indexOf(code) !== i);
  if (repeated)
    throw new AppError("INVALID_INPUT", `Reason code "${repeated}" is listed twice`, {
      reasons: `"${repeated}" is listed twice`,
    });
  await ctx.db.$transaction(async (tx) => {
    const before = await tx.callReason.findMany({
      where: { organizationId: input.organizationId, code: { in: codes } },
      select: { code: true, label: true, failureDemand: true },
    });
    for (const reason of input.reasons)
      await tx.callReason.upsert({
        where: { organizationId_code: { organizationId: input.organizationId, code: reason.code } },
        create: { organizationId: input.organizationId, ...reason },
        update: { label: reason.label, failureDemand: reason.failureDemand },
      });
    const added: CallReasonFields[] = [];
    const changed: CallReasonsChanged["changed"] = [];
    for (const { code, label, failureDemand } of input.reasons) {
      const was = before.find((b) => b.code === code);
      if (!was) added.push({ code, label, failureDemand });
      else if (was.label !== label || was.failureDemand !== failureDemand)
        changed.push({
          code,
          from: { label: was.label, failureDemand: was.failureDemand },
          to: { label, failureDemand },
        });
    }
    if (added.length || changed.length)
      await appendAuditEvent(tx, {
        organizationId: input.organizationId,
        kind: "CALL_REASONS_CHANGED",
        actorId: actor.userId,
        payload: { added, changed },
      });
  });
  return callSettings(ctx, input.organizationId);
}
