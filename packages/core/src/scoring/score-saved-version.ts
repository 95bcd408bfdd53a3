// Server-side only (it reads the database), so apart from index.ts, which
// the browser imports.
import type { Database } from "@conductor/db";
import type { Channel } from "@conductor/editor";
import type { AnalysisResult, RuleSet } from "@conductor/rules";
import { briefContentSchema } from "../schemas/briefs";
import { scoreDocument } from "./index";

/** What of a saved version its score depends on. */
export interface SavedVersionContent {
  json: unknown;
  subject: string;
  preheader: string;
  /** The brief in force when it was saved. */
  briefRevision: { content: unknown } | null;
}

/** What scoring a saved version reads besides it: the org's gate and rule set. */
interface ScoringSettings {
  channel: Channel;
  minimumScore: number;
  ruleSet: RuleSet | null;
}

/**
 * A saved version scored as submission freezes it: with the brief it was
 * saved with, that brief's persona's reading grade, the organisation's gate
 * and the rule set the caller read as in force.
 */
export async function scoreSavedVersion(
  db: Database,
  version: SavedVersionContent,
  organization: ScoringSettings,
): Promise<AnalysisResult> {
  return scoreSavedVersionWithPersona(version, organization, (personaId) =>
    personaGrade(db, personaId),
  );
}

/** The persona's reading grade, or null when there is no such persona. */
export async function personaGrade(db: Database, personaId: string) {
  const persona = await db.persona.findUnique({
    where: { id: personaId },
    select: { readingGrade: true },
  });
  return persona?.readingGrade ?? null;
}

/**
 * The same, with the persona's grade from `gradeOf` (a caller that read it
 * beside the version, as submission does, answers without a round trip).
 */
export async function scoreSavedVersionWithPersona(
  version: SavedVersionContent,
  organization: ScoringSettings,
  gradeOf: (personaId: string) => Promise<number | null>,
): Promise<AnalysisResult> {
  const brief = version.briefRevision
    ? briefContentSchema.parse(version.briefRevision.content)
    : null;
  return scoreDocument(version.json, {
    channel: organization.channel,
    subject: version.subject,
    preheader: version.preheader,
    brief,
    personaGrade: brief?.personaId ? await gradeOf(brief.personaId) : null,
    minimumScore: organization.minimumScore,
    ruleSet: organization.ruleSet,
  });
}
