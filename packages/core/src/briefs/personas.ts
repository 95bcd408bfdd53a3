import type { z } from "zod";
import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import { authorize } from "../policies";
import type { createPersonaSchema, personaRefSchema, updatePersonaSchema } from "../schemas";

const scope = (organizationId: string) => ({ kind: "organization" as const, organizationId });

/** The organisation's personas; archived ones only when asked (e.g. to show an old brief). */
export async function listPersonas(
  ctx: UseCaseContext,
  input: { organizationId: string; includeArchived?: boolean },
) {
  authorize(ctx.actor, "organization.read", scope(input.organizationId), "Organisation");
  return ctx.db.persona.findMany({
    where: {
      organizationId: input.organizationId,
      ...(input.includeArchived ? {} : { archivedAt: null }),
    },
    orderBy: { name: "asc" },
  });
}

async function loadPersona(ctx: UseCaseContext, organizationId: string, personaId: string) {
  const persona = await ctx.db.persona.findFirst({ where: { id: personaId, organizationId } });
  if (!persona) throw notFound("Persona");
  return persona;
}

const nameTaken = (error: unknown) =>
  (error as { code?: string }).code === "P2002"
    ? new AppError("CONFLICT", "Another persona already has this name", {
        name: "Another persona already has this name",
      })
    : error;

export async function createPersona(
  ctx: UseCaseContext,
  input: z.output<typeof createPersonaSchema>,
) {
  authorize(ctx.actor, "persona.manage", scope(input.organizationId), "Organisation");
  return ctx.db.persona.create({ data: input }).catch((error) => {
    throw nameTaken(error);
  });
}

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
