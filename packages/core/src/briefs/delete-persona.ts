import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorizeInOrganization } from "../policies";
import type { personaRefSchema } from "../schemas";
import { loadPersona, personaSnapshot } from "./personas";

/** Only a persona no brief has ever used can be deleted; one in use is archived instead. */
export async function deletePersona(ctx: UseCaseContext, input: z.output<typeof personaRefSchema>) {
  const { actor } = authorizeInOrganization(ctx, "persona.manage", input.organizationId);
  await ctx.db.$transaction(async (tx) => {
    const persona = await loadPersona(tx, input.organizationId, input.personaId);
    const uses = await tx.briefRevision.count({ where: { personaId: input.personaId } });
    if (uses > 0) {
      throw new AppError(
        "CONFLICT",
        `This persona is used by ${uses} brief change(s); archive it instead of deleting it`,
      );
    }
    await tx.persona.delete({ where: { id: input.personaId } });
    // The row is gone, so the entry keeps what it said.
    await appendAuditEvent(tx, {
      organizationId: input.organizationId,
      kind: "PERSONA_CHANGED",
      actorId: actor.userId,
      payload: { change: "deleted", personaId: persona.id, persona: personaSnapshot(persona) },
    });
  });
  return { personaId: input.personaId };
}
