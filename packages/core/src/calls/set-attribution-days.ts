import type { Channel } from "@conductor/db/enums";
import type { z } from "zod";
import type { UseCaseContext } from "../context";
import { authorize } from "../policies";
import type { setAttributionDaysSchema } from "../schemas";
import { callSettings, organization } from "./taxonomy";

/** Sets how many days after a send count towards the message, per channel. */
export async function setAttributionDays(
  ctx: UseCaseContext,
  input: z.output<typeof setAttributionDaysSchema>,
) {
  authorize(ctx.actor, "calls.manage", organization(input.organizationId), "Organisation");
  await ctx.db.organization.update({
    where: { id: input.organizationId },
    data: { attributionDays: input.days as Partial<Record<Channel, number>> },
  });
  return callSettings(ctx, input.organizationId);
}
