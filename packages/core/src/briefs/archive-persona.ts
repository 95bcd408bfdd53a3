import type { z } from "zod";
import type { UseCaseContext } from "../context";
import { authorize } from "../policies";
import type { personaRefSchema } from "../schemas";
import { loadPersona, scope } from "./personas";

/** Archived personas stay readable (old briefs name them) but are not offered for new ones. */
export async function setPersonaArchived(
  ctx: UseCaseContext,
  input: z.output<typeof personaRefSchema> & { archived: boolean },
) {
  authorize(ctx.actor, "persona.manage", scope(input.organizationId), "Organisation");
  await loadPersona(ctx, input.organizationId, input.personaId);
  return ctx.db.persona.update({
    where: { id: input.personaId },
    data: { archivedAt: input.archived ? new Date() : null },
  });
}
