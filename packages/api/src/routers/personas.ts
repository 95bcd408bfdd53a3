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
import { useCaseMutation } from "../procedures";
import { protectedProcedure, router } from "../trpc";

export const personasRouter = router({
  list: protectedProcedure
    .input(organizationScopeSchema.extend({ includeArchived: z.boolean().default(false) }))
    .query(({ ctx, input }) => listPersonas(ctx, input)),
  create: useCaseMutation(createPersonaSchema, createPersona),
  update: useCaseMutation(updatePersonaSchema, updatePersona),
  archive: protectedProcedure
    .input(personaRefSchema.extend({ archived: z.boolean() }))
    .mutation(({ ctx, input }) => setPersonaArchived(ctx, input)),
  delete: useCaseMutation(personaRefSchema, deletePersona),
});
