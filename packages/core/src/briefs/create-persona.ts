import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import type { createPersonaSchema } from "../schemas";
import { nameTaken, personaSnapshot } from "./personas";

/** Adds a persona to the organisation's library; names are unique there. */
export async function createPersona(
  ctx: UseCaseContext,
  input: z.output<typeof createPersonaSchema>,
) {
  const { actor } = authorizeInOrganization(ctx, "persona.manage", input.organizationId);
  return ctx.db
    .$transaction(async (tx) => {
      const persona = await tx.persona.create({ data: input });
      await appendAuditEvent(tx, {
        organizationId: input.organizationId,
        kind: "PERSONA_CHANGED",
        actorId: actor.userId,
        payload: { change: "created", personaId: persona.id, persona: personaSnapshot(persona) },
      });
      return persona;
    })
    .catch((error) => {
      throw nameTaken(error);
    });
}
