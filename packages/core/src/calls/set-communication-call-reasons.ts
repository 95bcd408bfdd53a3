import type { LoadedCommunication } from "../communications/communications";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorize } from "../policies";
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
  authorize(
    ctx.actor,
    "calls.mapCommunication",
    { kind: "communication", ...communication },
    "Communication",
  );
  const known = await ctx.db.callReason.findMany({
    where: { organizationId: communication.organizationId, code: { in: reasonCodes } },
    select: { code: true },
  });
  const unknown = reasonCodes.filter((code) => !known.some((k) => k.code === code));
  if (unknown.length)
    throw new AppError("INVALID_INPUT", `Not in the reason taxonomy: ${unknown.join(", ")}`, {
      reasonCodes: `Unknown: ${unknown.join(", ")}`,
    });
  await ctx.db.$transaction([
    ctx.db.communicationCallReason.deleteMany({ where: { communicationId: communication.id } }),
    ctx.db.communicationCallReason.createMany({
      data: [...new Set(reasonCodes)].map((reasonCode) => ({
        communicationId: communication.id,
        reasonCode,
      })),
    }),
  ]);
  return communicationCallReasons(ctx, communication);
}
