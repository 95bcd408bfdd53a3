import { Prisma } from "@conductor/db";
import type { NotificationKind } from "@conductor/db/enums";
import { type AuditEventInput, auditAppended, auditAppendQuery } from "../audit/append";
import { type About, notificationInsert } from "./review-notifications";
import type { ReviewStatus } from "./workflow";

/** What a submission freezes on its review, new or reopened. */
export interface FrozenSubmission {
  versionId: string;
  versionHash: string;
  briefRevisionId: string | null;
  rulesVersion: string;
  score: number;
  analysis: unknown;
  overrideReason: string | null;
  submittedById: string;
}

/** The review row, as Prisma's Review model reads it (columns in the schema's order). */
const reviewColumns = Prisma.sql`"id", "organizationId", "communicationId", "status"::text AS "status",
  "stage", "stages", "versionId", "versionHash", "briefRevisionId", "rulesVersion", "score",
  "analysis", "submittedById", "overrideReason", "templateName", "withdrawnReason", "stageDueAt",
  "createdAt", "updatedAt"`;

// Prisma's DateTime columns hold UTC without a zone.
const timestamp = (at: Date) => Prisma.sql`${at.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;

export type SubmissionReview =
  | {
      kind: "new";
      /** Chosen here, not by the database: the audit entries written beside it name it. */
      id: string;
      organizationId: string;
      communicationId: string;
      stages: unknown;
      templateName: string;
      stageDueAt: Date;
    }
  | {
      kind: "reopened";
      id: string;
      status: ReviewStatus;
      stage: number;
      stageDueAt: Date;
    };

/**
 * Marks a reopened review's decisions on other versions superseded; how
 * many (the audit entry says). Its own statement, before the writes, because
 * that entry is written with them.
 */
export async function supersedeDecisions(
  tx: Prisma.TransactionClient,
  reviewId: string,
  versionHash: string,
) {
  const superseded = await tx.reviewDecision.updateMany({
    where: { reviewId, supersededAt: null, versionHash: { not: versionHash } },
    data: { supersededAt: new Date() },
  });
  return superseded.count;
}

/**
 * A submission's writes, in one statement: the review made or reopened with
 * what it froze, the communication in review, the stage's notifications, and
 * the audit entries appended to the organisation's trail (the database's
 * "audit_append": its lock, head and chain), so this statement is the last
 * before commit and the trail's lock is held for no round trip but the
 * commit. Returns the review row.
 */
export async function writeSubmission(
  tx: Prisma.TransactionClient,
  frozen: FrozenSubmission,
  review: SubmissionReview,
  communication: { id: string; organizationId: string },
  notify: { recipients: readonly string[]; kind: NotificationKind; about: About } | null,
  entries: readonly AuditEventInput[],
) {
  const now = new Date();
  const frozenValues = {
    versionId: frozen.versionId,
    versionHash: frozen.versionHash,
    briefRevisionId: frozen.briefRevisionId,
    rulesVersion: frozen.rulesVersion,
    score: Prisma.sql`${frozen.score}::double precision`,
    analysis: Prisma.sql`${JSON.stringify(frozen.analysis)}::jsonb`,
    overrideReason: frozen.overrideReason,
    submittedById: frozen.submittedById,
  };
  const written =
    review.kind === "new"
      ? Prisma.sql`INSERT INTO "Review" ("id", "organizationId", "communicationId", "stages",
            "templateName", "stageDueAt", "createdAt", "updatedAt",
            ${Prisma.join(Object.keys(frozenValues).map((column) => Prisma.raw(`"${column}"`)))})
          VALUES (${review.id}, ${review.organizationId}, ${review.communicationId},
            ${JSON.stringify(review.stages)}::jsonb, ${review.templateName},
            ${timestamp(review.stageDueAt)}, ${timestamp(now)}, ${timestamp(now)},
            ${Prisma.join(Object.values(frozenValues))})
          RETURNING ${reviewColumns}`
      : Prisma.sql`UPDATE "Review" SET
            ${Prisma.join(
              Object.entries(frozenValues).map(
                ([column, value]) => Prisma.sql`${Prisma.raw(`"${column}"`)} = ${value}`,
              ),
            )},
            "status" = ${review.status}::"ReviewStatus", "stage" = ${review.stage}::int,
            "stageDueAt" = ${timestamp(review.stageDueAt)}, "updatedAt" = ${timestamp(now)}
          WHERE "id" = ${review.id}
          RETURNING ${reviewColumns}`;
  const notified =
    notify && notify.recipients.length > 0
      ? Prisma.sql`"notified" AS (${notificationInsert(notify.recipients, notify.kind, notify.about)}),`
      : Prisma.empty;
  const audit = auditAppendQuery(entries);
  if (!audit) throw new Error("A submission is always audited");
  const [row] = await tx.$queryRaw<
    (Prisma.ReviewGetPayload<object> & {
      audited: { id: string; sequence: number; hash: string }[];
    })[]
  >`
    WITH
    "review" AS (${written}),
    "communication" AS (
      UPDATE "Communication" SET "status" = 'IN_REVIEW', "updatedAt" = ${timestamp(now)}
      WHERE "id" = ${communication.id}
      RETURNING 1),
    ${notified}
    "audited" AS (${audit})
    SELECT "review".*,
      (SELECT coalesce(json_agg(json_build_object('id', "id", 'sequence', "sequence", 'hash', "hash")), '[]')
        FROM "audited") AS "audited"
    FROM "review"`;
  if (!row) throw new Error("The review was not written");
  const { audited, ...reviewRow } = row;
  auditAppended(audited, entries);
  return reviewRow as Prisma.ReviewGetPayload<object>;
}
