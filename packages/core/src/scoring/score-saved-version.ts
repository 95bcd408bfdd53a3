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

/**
 * A saved version scored as submission freezes it: with the brief it was
 * saved with, that brief's persona's reading grade, the organisation's gate
 * and the rule set the caller read as in force.
 */
export async function scoreSavedVersion(
  db: Database,
  version: SavedVersionContent,
  organization: { channel: Channel; minimumScore: number; ruleSet: RuleSet | null },
): Promise<AnalysisResult> {
  const brief = version.briefRevision
    ? briefContentSchema.parse(version.briefRevision.content)
    : null;
  const persona = brief?.personaId
    ? await db.persona.findUnique({
        where: { id: brief.personaId },
        select: { readingGrade: true },
      })
    : null;
  return scoreDocument(version.json, {
    channel: organization.channel,
    subject: version.subject,
    preheader: version.preheader,
    brief,
    personaGrade: persona?.readingGrade ?? null,
    minimumScore: organization.minimumScore,
    ruleSet: organization.ruleSet,
  });
}
