import { Prisma } from "@conductor/db";
import type { ReviewFunction, WebhookEvent } from "@conductor/db/enums";
import type { UseCaseContext } from "../context";
import { storedRuleSet } from "../rule-sets/in-force";
import { reviewStagesSchema } from "../schemas";
import { namedFrom } from "./store";

// What a submission reads, in two statements: one before its transaction
// (the version, the template, the rule set in force) and one inside it,
// after the review's lock (who reviews, who is told). Each was several
// Prisma queries; with 50 submissions at once every query's client-side
// work (building it, mapping its rows, about 1-3 ms each) queued on the
// process's one thread while other submissions held pooled connections and
// the organisation's trail lock. Rows travel as JSON built in the database.

/** The saved version as a submission freezes it, with what scoring it needs. */
export interface SubmittedVersion {
  id: string;
  number: number;
  json: Prisma.JsonValue;
  subject: string;
  preheader: string;
  contentHash: string;
  briefRevisionId: string | null;
  briefRevision: { content: Prisma.JsonValue } | null;
  /** The persona the brief names (its raw id) and that persona's reading grade. */
  persona: { id: string | null; readingGrade: number | null };
  minimumScore: number;
}

interface ReadRow {
  version:
    | (Omit<SubmittedVersion, "briefRevision" | "persona"> & {
        briefContent: Prisma.JsonValue | null;
        personaId: string | null;
        personaGrade: number | null;
      })
    | null;
  template: { name: string; stages: Prisma.JsonValue } | null;
  ruleSet: { ruleSet: Prisma.JsonValue } | null;
}

/**
 * Before the transaction, in one statement: the version (with its brief,
 * the brief's persona's grade and the organisation's minimum score), the
 * template asked for or the default one, and the organisation's newest rule
 * set. None is state the submission's locks guard: the version is
 * immutable, the template and rule set are settings read as in force now.
 */
export async function readSubmissionInputs(
  db: UseCaseContext["db"],
  communication: { id: string; organizationId: string },
  input: { versionId: string; templateId?: string | undefined },
) {
  const { organizationId } = communication;
  const whichTemplate = input.templateId
    ? Prisma.sql`t."id" = ${input.templateId}`
    : Prisma.sql`t."isDefault"`;
  const [row] = await db.$queryRaw<ReadRow[]>`
    SELECT
      (SELECT json_build_object(
          'id', v."id", 'number', v."number", 'json', v."json", 'subject', v."subject",
          'preheader', v."preheader", 'contentHash', v."contentHash",
          'briefRevisionId', v."briefRevisionId", 'briefContent', b."content",
          'personaId', b."content"->>'personaId', 'personaGrade', p."readingGrade",
          'minimumScore', o."minimumScore")
        FROM "CommunicationVersion" v
        JOIN "Communication" c ON c."id" = v."communicationId"
        JOIN "Organization" o ON o."id" = c."organizationId"
        LEFT JOIN "BriefRevision" b ON b."id" = v."briefRevisionId"
        LEFT JOIN "Persona" p ON p."id" = b."content"->>'personaId'
        WHERE v."id" = ${input.versionId} AND v."communicationId" = ${communication.id}
      ) AS "version",
      (SELECT json_build_object('name', t."name", 'stages', t."stages")
        FROM "ReviewTemplate" t
        WHERE t."organizationId" = ${organizationId} AND ${whichTemplate}
        LIMIT 1
      ) AS "template",
      (SELECT json_build_object('ruleSet', r."ruleSet")
        FROM "RuleSetVersion" r
        WHERE r."organizationId" = ${organizationId}
        ORDER BY r."number" DESC LIMIT 1
      ) AS "ruleSet"`;
  if (!row) throw new Error("The submission's reads returned no row");
  const raw = row.version;
  const version: SubmittedVersion | null = raw && {
    id: raw.id,
    number: raw.number,
    json: raw.json,
    subject: raw.subject,
    preheader: raw.preheader,
    contentHash: raw.contentHash,
    briefRevisionId: raw.briefRevisionId,
    // A version's brief revision always has content: null here means none.
    briefRevision: raw.briefRevisionId ? { content: raw.briefContent } : null,
    persona: { id: raw.personaId, readingGrade: raw.personaGrade },
    minimumScore: raw.minimumScore,
  };
  return {
    version,
    template: row.template && {
      name: row.template.name,
      stages: reviewStagesSchema.parse(row.template.stages),
    },
    ruleSet: row.ruleSet ? storedRuleSet(row.ruleSet.ruleSet) : null,
  };
}

/**
 * Inside the transaction, after the review's lock (as the named reviewers
 * were read before): the communication's named reviewers, the
 * organisation's members (whom a stage waits on) and its live webhooks.
 */
export async function readSubmissionAudience(
  tx: Prisma.TransactionClient,
  communication: { id: string; organizationId: string },
) {
  const [row] = await tx.$queryRaw<
    {
      assignments: { function: ReviewFunction; userId: string }[];
      members: { userId: string; functions: ReviewFunction[] }[];
      webhooks: { id: string; events: WebhookEvent[] }[];
    }[]
  >`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('function', a."function", 'userId', a."userId")), '[]')
        FROM "ReviewAssignment" a WHERE a."communicationId" = ${communication.id}) AS "assignments",
      (SELECT coalesce(json_agg(json_build_object('userId', m."userId", 'functions', m."functions")), '[]')
        FROM "Membership" m WHERE m."organizationId" = ${communication.organizationId}) AS "members",
      (SELECT coalesce(json_agg(json_build_object('id', w."id", 'events', w."events")), '[]')
        FROM "Webhook" w
        WHERE w."organizationId" = ${communication.organizationId} AND w."deletedAt" IS NULL
      ) AS "webhooks"`;
  if (!row) throw new Error("The submission's audience read returned no row");
  return { named: namedFrom(row.assignments), members: row.members, webhooks: row.webhooks };
}
