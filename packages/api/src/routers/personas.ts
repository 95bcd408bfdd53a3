import {
  createPersona,
  deletePersona,
  listPersonas,
  setPersonaArchived,
  updatePersona,
} from "@conductor/core";
import {
  createPersonaSchema,
  organizationScopeSchema,
  personaRefSchema,
  updatePersonaSchema,
} from "@conductor/core/schemas";
import { z } from "zod";
import { protectedProcedure, router } from "../trpc";

export const personasRouter = router({
  list: protectedProcedure
    .input(organizationScopeSchema.extend({ includeArchived: z.boolean().default(false) }))
    .query(({ ctx, input }) => listPersonas(ctx, input)),
  create: protectedProcedure
    .input(createPersonaSchema)
    .mutation(({ ctx, input }) => createPersona(ctx, input)),
  update: protectedProcedure
    .input(updatePersonaSchema)
    .mutation(({ ctx, input }) => updatePersona(ctx, input)),
  archive: protectedProcedure
    .input(personaRefSchema.extend({ archived: z.boolean() }))
    .mutation(({ ctx, input }) => setPersonaArchived(ctx, input)),
  delete: protectedProcedure
    .input(personaRefSchema)
    .mutation(({ ctx, input }) => deletePersona(ctx, input)),
});
