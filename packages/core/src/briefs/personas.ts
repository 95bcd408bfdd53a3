import type { Persona, Prisma } from "@conductor/db";
import type { PersonaFields } from "../audit/events";
import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import { authorizeInOrganization } from "../policies";

/** The organisation's personas; archived ones only when asked (e.g. to show an old brief). */
export async function listPersonas(
  ctx: UseCaseContext,
  input: { organizationId: string; includeArchived?: boolean },
) {
  authorizeInOrganization(ctx, "organization.read", input.organizationId);
  return ctx.db.persona.findMany({
    where: {
      organizationId: input.organizationId,
      ...(input.includeArchived ? {} : { archivedAt: null }),
    },
    orderBy: { name: "asc" },
  });
}

/** Reads through the use case's client or its transaction's. */
type PersonaReader = Pick<Prisma.TransactionClient, "persona">;

export async function loadPersona(db: PersonaReader, organizationId: string, personaId: string) {
  const persona = await db.persona.findFirst({ where: { id: personaId, organizationId } });
  if (!persona) throw notFound("Persona");
  return persona;
}

/**
 * A persona a brief or a brief template may name: this organisation's, and
 * not archived. Another organisation's id is refused as if it did not exist
 * (it reveals nothing), and is never stored: a stored one would count as a
 * use and stop that organisation deleting its own persona.
 */
export async function assertPersonaChoosable(
  db: PersonaReader,
  organizationId: string,
  personaId: string,
  field: string,
) {
  const persona = await db.persona.findFirst({
    where: { id: personaId, organizationId },
    select: { archivedAt: true },
  });
  if (!persona)
    throw new AppError("INVALID_INPUT", "No such persona in this organisation", {
      [field]: "Choose a persona from the library",
    });
  if (persona.archivedAt)
    throw new AppError("INVALID_INPUT", "This persona is archived", {
      [field]: "This persona is archived; choose another",
    });
}

/** A second persona with one name is a field error, not a crash. */
export const nameTaken = (error: unknown) =>
  (error as { code?: string }).code === "P2002"
    ? new AppError("CONFLICT", "Another persona already has this name", {
        name: "Another persona already has this name",
      })
    : error;

export const personaFields = [
  "name",
  "vignette",
  "needs",
  "feelings",
  "beliefs",
  "preferredChannel",
  "readingGrade",
  "accessibilityNeeds",
] as const satisfies readonly (keyof PersonaFields)[];

/** What the trail copies of a persona: what it says, not its bookkeeping. */
export function personaSnapshot(persona: Persona): PersonaFields {
  return {
    name: persona.name,
    vignette: persona.vignette,
    needs: persona.needs,
    feelings: persona.feelings,
    beliefs: persona.beliefs,
    preferredChannel: persona.preferredChannel,
    readingGrade: persona.readingGrade,
    accessibilityNeeds: persona.accessibilityNeeds,
  };
}
