import type { z } from "zod";
import type { UseCaseContext } from "../context";
import { authorize } from "../policies";
import type { updateCommunicationSchema } from "../schemas";
import type { LoadedCommunication } from "./load";
import { summarySelect } from "./summary";

export async function updateCommunication(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  data: z.output<typeof updateCommunicationSchema>,
) {
  authorize(
    ctx.actor,
    "communication.update",
    { kind: "communication", ...communication },
    "Communication",
  );
  const { communicationId: _id, ...changes } = data;
  return ctx.db.communication.update({
    where: { id: communication.id },
    data: changes,
    select: summarySelect,
  });
}
