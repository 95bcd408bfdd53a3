import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import { authorize } from "../policies";

export const scope = (organizationId: string) => ({
  kind: "organization" as const,
  organizationId,
});

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

export async function loadPersona(ctx: UseCaseContext, organizationId: string, personaId: string) {
  const persona = await ctx.db.persona.findFirst({ where: { id: personaId, organizationId } });
  if (!persona) throw notFound("Persona");
  return persona;
}

/** A second persona with one name is a field error, not a crash. */
export const nameTaken = (error: unknown) =>
  (error as { code?: string }).code === "P2002"
    ? new AppError("CONFLICT", "Another persona already has this name", {
        name: "Another persona already has this name",
      })
    : error;
