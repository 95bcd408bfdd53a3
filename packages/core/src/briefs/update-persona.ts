import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import { changesBetween, hasChanges } from "../audit/changes";
import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import type { updatePersonaSchema } from "../schemas";
import { loadPersona, nameTaken, personaFields, personaSnapshot } from "./personas";

/** Changes a persona; briefs that name it follow, as they refer to it by id. */
export async function updatePersona(
  ctx: UseCaseContext,
  input: z.output<typeof updatePersonaSchema>,
) {
  const { actor } = authorizeInOrganization(ctx, "persona.manage", input.organizationId);
  const { organizationId, personaId, ...changes } = input;
  return ctx.db
    .$transaction(async (tx) => {
      const before = await loadPersona(tx, organizationId, personaId);
      const persona = await tx.persona.update({ where: { id: personaId }, data: changes });
      const changed = changesBetween(
        personaSnapshot(before),
        personaSnapshot(persona),
        personaFields,
      );
      // Saving the form unchanged is not a change a reader of the trail needs to see.
      if (hasChanges(changed))
        await appendAuditEvent(tx, {
          organizationId,
          kind: "PERSONA_CHANGED",
          actorId: actor.userId,
          payload: { change: "updated", personaId, name: persona.name, changes: changed },
        });
      return persona;
    })
    .catch((error) => {
      throw nameTaken(error);
    });
}
