import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import type { personaRefSchema } from "../schemas";
import { loadPersona } from "./personas";

/** Archived personas stay readable (old briefs name them) but are not offered for new ones. */
export async function setPersonaArchived(
  ctx: UseCaseContext,
  input: z.output<typeof personaRefSchema> & { archived: boolean },
) {
  const { actor } = authorizeInOrganization(ctx, "persona.manage", input.organizationId);
  return ctx.db.$transaction(async (tx) => {
    const before = await loadPersona(tx, input.organizationId, input.personaId);
    // Archiving an archived persona keeps the first date, and says nothing new.
    if (Boolean(before.archivedAt) === input.archived) return before;
    const persona = await tx.persona.update({
      where: { id: input.personaId },
      data: { archivedAt: input.archived ? new Date() : null },
    });
    await appendAuditEvent(tx, {
      organizationId: input.organizationId,
      kind: "PERSONA_CHANGED",
      actorId: actor.userId,
      payload: {
        change: input.archived ? "archived" : "restored",
        personaId: persona.id,
        name: persona.name,
      },
    });
    return persona;
  });
}
