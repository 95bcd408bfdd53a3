import type { z } from "zod";
import type { UseCaseContext } from "../context";
import { authorize } from "../policies";
import type { createPersonaSchema } from "../schemas";
import { nameTaken, scope } from "./personas";

/** Adds a persona to the organisation's library; names are unique there. */
export async function createPersona(
  ctx: UseCaseContext,
  input: z.output<typeof createPersonaSchema>,
) {
  authorize(ctx.actor, "persona.manage", scope(input.organizationId), "Organisation");
  return ctx.db.persona.create({ data: input }).catch((error) => {
    throw nameTaken(error);
  });
}
