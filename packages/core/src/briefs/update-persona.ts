import type { z } from "zod";
import type { UseCaseContext } from "../context";
import { authorize } from "../policies";
import type { updatePersonaSchema } from "../schemas";
import { loadPersona, nameTaken, scope } from "./personas";

/** Changes a persona; briefs that name it follow, as they refer to it by id. */
export async function updatePersona(
  ctx: UseCaseContext,
  input: z.output<typeof updatePersonaSchema>,
) {
  authorize(ctx.actor, "persona.manage", scope(input.organizationId), "Organisation");
  const { organizationId, personaId, ...changes } = input;
  await loadPersona(ctx, organizationId, personaId);
  return ctx.db.persona.update({ where: { id: personaId }, data: changes }).catch((error) => {
    throw nameTaken(error);
  });
}
