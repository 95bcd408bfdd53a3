import type { Channel } from "@conductor/db/enums";
import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import type { setAttributionDaysSchema } from "../schemas";
import { canonicalJson } from "../versions/canonical";
import { callSettings } from "./taxonomy";

/** Sets how many days after a send count towards the message, per channel. */
export async function setAttributionDays(
  ctx: UseCaseContext,
  input: z.output<typeof setAttributionDaysSchema>,
) {
  const { actor } = authorizeInOrganization(ctx, "calls.manage", input.organizationId);
  await ctx.db.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ attributionDays: Partial<Record<Channel, number>> }[]>`
      SELECT "attributionDays" FROM "Organization" WHERE id = ${input.organizationId} FOR UPDATE`;
    const to = input.days as Partial<Record<Channel, number>>;
    await tx.organization.update({
      where: { id: input.organizationId },
      data: { attributionDays: to },
    });
    const from = before?.attributionDays ?? {};
    if (canonicalJson(from) !== canonicalJson(to))
      await appendAuditEvent(tx, {
        organizationId: input.organizationId,
        kind: "REVIEW_SETTINGS_CHANGED",
        actorId: actor.userId,
        payload: { setting: "attributionDays", from, to },
      });
  });
  return callSettings(ctx, input.organizationId);
}
