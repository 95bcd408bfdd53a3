import type { z } from "zod";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorize } from "../policies";
import type { personaRefSchema } from "../schemas";
import { loadPersona, scope } from "./personas";

/** Only a persona no brief has ever used can be deleted; one in use is archived instead. */
export async function deletePersona(ctx: UseCaseContext, input: z.output<typeof personaRefSchema>) {
  authorize(ctx.actor, "persona.manage", scope(input.organizationId), "Organisation");
  await loadPersona(ctx, input.organizationId, input.personaId);
  const uses = await ctx.db.briefRevision.count({ where: { personaId: input.personaId } });
  if (uses > 0) {
    throw new AppError(
      "CONFLICT",
      `This persona is used by ${uses} brief change(s); archive it instead of deleting it`,
    );
  }
  await ctx.db.persona.delete({ where: { id: input.personaId } });
  return { personaId: input.personaId };
}
