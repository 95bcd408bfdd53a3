import { Prisma } from "@conductor/db";
import type { NotificationKind } from "@conductor/db/enums";
import { auditTrailLock } from "../audit/append";
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
      /** Supersede the decisions on other versions (the workflow says when). */
      supersede: boolean;
    };

/**
 * A submission's writes, in one statement: the review made or reopened with
 * what it froze (and, reopened, the decisions on other versions
 * superseded), the communication in review, the stage's notifications, and
 * the organisation's audit trail lock taken, so the entries that follow are
 * one statement from commit (see appendAuditEventsUnderLock). Returns the
 * review row and how many decisions were superseded.
 */
export async function writeSubmission(
  tx: Prisma.TransactionClient,
  frozen: FrozenSubmission,
  review: SubmissionReview,
  communication: { id: string; organizationId: string },
  notify: { recipients: readonly string[]; kind: NotificationKind; about: About } | null,
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
  const superseded =
    review.kind === "reopened" && review.supersede
      ? Prisma.sql`UPDATE "ReviewDecision" SET "supersededAt" = ${timestamp(now)}
          WHERE "reviewId" = ${review.id} AND "supersededAt" IS NULL
            AND "versionHash" <> ${frozen.versionHash}
          RETURNING 1`
      : Prisma.sql`SELECT 1 WHERE false`;
  const written =
    review.kind === "new"
      ? Prisma.sql`INSERT INTO "Review" ("id", "organizationId", "communicationId", "stages",
            "templateName", "stageDueAt", "createdAt", "updatedAt",
            ${Prisma.join(Object.keys(frozenValues).map((column) => Prisma.raw(`"${column}"`)))})
          VALUES (gen_random_uuid()::text, ${review.organizationId}, ${review.communicationId},
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
  const [row] = await tx.$queryRaw<(Prisma.ReviewGetPayload<object> & { superseded: number })[]>`
    WITH
    "superseded" AS (${superseded}),
    "review" AS (${written}),
    "communication" AS (
      UPDATE "Communication" SET "status" = 'IN_REVIEW', "updatedAt" = ${timestamp(now)}
      WHERE "id" = ${communication.id}
      RETURNING 1),
    ${notified}
    "locked" AS (SELECT ${auditTrailLock(communication.organizationId)})
    SELECT "review".*, (SELECT count(*) FROM "superseded")::int AS "superseded"
    FROM "review", "locked"`;
  if (!row) throw new Error("The review was not written");
  const { superseded: supersededCount, ...reviewRow } = row;
  return { review: reviewRow as Prisma.ReviewGetPayload<object>, supersededCount };
}
