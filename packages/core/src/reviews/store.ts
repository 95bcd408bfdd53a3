import type { Prisma } from "@conductor/db";
import type { ReviewFunction } from "@conductor/db/enums";
import type { LoadedCommunication } from "../communications/load";
import { AppError, notFound } from "../errors";
import type { Authorized } from "../policies/authorize";
import {
  type Decision,
  type Reviewer,
  type ReviewPolicy,
  type ReviewState,
  WorkflowError,
} from "./workflow";

// What the review use cases share: how a review row is locked and read, and
// how the workflow's refusals reach clients.

const workflowCodes: Record<WorkflowError["code"], AppError["code"]> = {
  REVIEW_NOT_OPEN: "CONFLICT",
  VERSION_MISMATCH: "CONFLICT",
  ALREADY_DECIDED: "CONFLICT",
  REVIEW_CLOSED: "CONFLICT",
  NOT_APPROVED: "CONFLICT",
  NOTHING_CHANGED: "CONFLICT",
  NOT_A_STAGE_REVIEWER: "FORBIDDEN",
  NOT_A_NAMED_REVIEWER: "FORBIDDEN",
  SELF_APPROVAL_FORBIDDEN: "FORBIDDEN",
  NOT_A_COMMS_MANAGER: "FORBIDDEN",
  FUNCTION_REQUIRED: "INVALID_INPUT",
  REASON_REQUIRED: "INVALID_INPUT",
  NAMED_REVIEWERS_MISSING: "INVALID_INPUT",
};

/** Runs a workflow step; its refusal becomes an AppError carrying the workflow's code. */
export function step<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof WorkflowError)
      throw new AppError(workflowCodes[error.code], error.message, undefined, error.code);
    throw error;
  }
}

export const communicationResource = (
  communication: Pick<LoadedCommunication, "organizationId" | "ownerId">,
) => ({
  kind: "communication" as const,
  ...communication,
});

/** Assignment rows → named reviewers per function. */
export function namedFrom(
  rows: { function: ReviewFunction; userId: string }[],
): ReviewPolicy["named"] {
  const named: ReviewPolicy["named"] = {};
  for (const row of rows) named[row.function] = [...(named[row.function] ?? []), row.userId];
  return named;
}

export async function namedReviewers(
  db: Pick<Prisma.TransactionClient, "reviewAssignment">,
  communicationId: string,
) {
  return namedFrom(await db.reviewAssignment.findMany({ where: { communicationId } }));
}

/** The person `authorize` let through, as the workflow sees a reviewer. */
export const reviewerOf = ({ actor, membership }: Authorized): Reviewer => ({
  userId: actor.userId,
  functions: membership.functions,
  isCommsManager: membership.roles.includes("COMMS_MANAGER"),
});

/** Locks the communication's open review (if any) for the rest of the transaction. */
export async function lockOpenReview(tx: Prisma.TransactionClient, communicationId: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Review"
    WHERE "communicationId" = ${communicationId}
      AND "status" IN ('IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED')
    ORDER BY "createdAt" DESC LIMIT 1
    FOR UPDATE`;
  return row ? tx.review.findUniqueOrThrow({ where: { id: row.id } }) : null;
}

/**
 * The same lock, reading in the same statement what a submission needs of
 * the review: FOR UPDATE returns the row as its last writer committed it,
 * so no second read is needed.
 */
export async function lockOpenReviewState(tx: Prisma.TransactionClient, communicationId: string) {
  const [row] = await tx.$queryRaw<(ReviewState & { id: string; stages: Prisma.JsonValue })[]>`
    SELECT "id", "status"::text AS "status", "stage", "stages", "versionHash", "submittedById"
    FROM "Review"
    WHERE "communicationId" = ${communicationId}
      AND "status" IN ('IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED')
    ORDER BY "createdAt" DESC LIMIT 1
    FOR UPDATE`;
  return row ?? null;
}

/** Locks one review of the communication for the rest of the transaction. */
export async function lockReview(
  tx: Prisma.TransactionClient,
  communication: Pick<LoadedCommunication, "id">,
  reviewId: string,
) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Review"
    WHERE "id" = ${reviewId} AND "communicationId" = ${communication.id}
    FOR UPDATE`;
  if (!row) throw notFound("Review");
  return tx.review.findUniqueOrThrow({ where: { id: row.id } });
}

export const stateOf = (review: {
  status: ReviewState["status"];
  stage: number;
  versionHash: string;
  submittedById: string;
}): ReviewState => ({
  status: review.status,
  stage: review.stage,
  versionHash: review.versionHash,
  submittedById: review.submittedById,
});

/** Stored decisions as the workflow reads them. */
export const decisionsOf = (
  rows: {
    stage: number;
    function: ReviewFunction;
    reviewerId: string;
    kind: Decision["kind"];
    versionHash: string;
    supersededAt: Date | null;
  }[],
): Decision[] =>
  rows.map((row) => ({
    stage: row.stage,
    function: row.function,
    reviewerId: row.reviewerId,
    kind: row.kind,
    versionHash: row.versionHash,
    superseded: row.supersededAt !== null,
  }));

/** The communication's status follows its review. */
export const communicationStatus = {
  IN_REVIEW: "IN_REVIEW",
  CHANGES_REQUESTED: "CHANGES_REQUESTED",
  REJECTED: "DRAFT",
  APPROVED: "APPROVED",
  RELEASED: "RELEASED",
  WITHDRAWN: "DRAFT",
} as const;
