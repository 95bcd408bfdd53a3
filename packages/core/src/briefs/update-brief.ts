import type { Prisma } from "@conductor/db";
import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { authorizeCommunication } from "../policies";
import type { BriefContent, updateBriefSchema } from "../schemas";
import { currentBrief } from "./briefs";
import { assertPersonaChoosable } from "./personas";

/**
 * Changing the brief records a new revision (never an overwrite). The persona
 * must be one of this organisation's and not archived; an unchanged brief
 * records nothing.
 */
export async function updateBrief(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof updateBriefSchema>,
) {
  const { actor } = authorizeCommunication(ctx, "brief.update", communication);
  const brief: BriefContent = input.brief;
  if (brief.personaId)
    await assertPersonaChoosable(
      ctx.db,
      communication.organizationId,
      brief.personaId,
      "brief.personaId",
    );
  const current = await currentBrief(ctx, communication);
  if (current.revision && JSON.stringify(current.brief) === JSON.stringify(brief)) return current;
  for (let attempt = 0; ; attempt++) {
    try {
      const number = (current.revision?.number ?? 0) + 1 + attempt;
      await ctx.db.$transaction(async (tx) => {
        const revision = await tx.briefRevision.create({
          data: {
            communicationId: communication.id,
            number,
            content: brief as Prisma.InputJsonValue,
            personaId: brief.personaId,
            authorId: actor.userId,
          },
        });
        await appendAuditEvent(tx, {
          organizationId: communication.organizationId,
          kind: "BRIEF_CHANGED",
          actorId: actor.userId,
          communicationId: communication.id,
          payload: { revision: number, revisionId: revision.id, brief },
        });
      });
      break;
    } catch (error) {
      // Two saves at once cannot take one number (unique index): the later one goes next.
      if ((error as { code?: string }).code !== "P2002" || attempt >= 4) throw error;
    }
  }
  return currentBrief(ctx, communication);
}
