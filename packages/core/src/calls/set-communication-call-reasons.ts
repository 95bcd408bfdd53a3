import { appendAuditEvent } from "../audit/append";
import type { LoadedCommunication } from "../communications/communications";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorizeCommunication } from "../policies";
import { communicationCallReasons } from "./taxonomy";

/**
 * Says which reason codes a communication may drive, replacing the list;
 * every code must be in the organisation's taxonomy.
 */
export async function setCommunicationCallReasons(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  reasonCodes: string[],
) {
  const { actor } = authorizeCommunication(ctx, "calls.mapCommunication", communication);
  const known = await ctx.db.callReason.findMany({
    where: { organizationId: communication.organizationId, code: { in: reasonCodes } },
    select: { code: true },
  });
  const unknown = reasonCodes.filter((code) => !known.some((k) => k.code === code));
  if (unknown.length)
    throw new AppError("INVALID_INPUT", `Not in the reason taxonomy: ${unknown.join(", ")}`, {
      reasonCodes: `Unknown: ${unknown.join(", ")}`,
    });
  const to = [...new Set(reasonCodes)].sort();
  await ctx.db.$transaction(async (tx) => {
    const before = await tx.communicationCallReason.findMany({
      where: { communicationId: communication.id },
      select: { reasonCode: true },
    });
    const from = before.map((r) => r.reasonCode).sort();
    if (from.join("\n") === to.join("\n")) return;
    await tx.communicationCallReason.deleteMany({ where: { communicationId: communication.id } });
    await tx.communicationCallReason.createMany({
      data: to.map((reasonCode) => ({ communicationId: communication.id, reasonCode })),
    });
    await appendAuditEvent(tx, {
      organizationId: communication.organizationId,
      kind: "CALL_REASONS_MAPPED",
      actorId: actor.userId,
      communicationId: communication.id,
      payload: { from, to },
    });
  });
  return communicationCallReasons(ctx, communication);
}
