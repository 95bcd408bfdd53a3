import type { UseCaseContext } from "../context";
import { notFound } from "../errors";
import { authorizeCommunication } from "../policies";
import { summarySelect } from "./summary";

/**
 * Loads a communication the actor may read. Used by every procedure that
 * works on one communication, so the tenant check happens in one place.
 */
export async function loadCommunication(ctx: UseCaseContext, communicationId: string) {
  const communication = await ctx.db.communication.findUnique({
    where: { id: communicationId },
    select: { ...summarySelect, body: true, ownerId: true },
  });
  if (!communication) throw notFound("Communication");
  authorizeCommunication(ctx, "communication.read", communication);
  return communication;
}

export type LoadedCommunication = Awaited<ReturnType<typeof loadCommunication>>;
