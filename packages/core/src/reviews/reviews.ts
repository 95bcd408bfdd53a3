import type { Prisma } from "@conductor/db";
import type { ReviewFunction } from "@conductor/db/enums";
import { analyze } from "@conductor/rules";
import type { z } from "zod";
import { membershipIn } from "../actor";
import { appendAuditEvent } from "../audit/audit";
import type { LoadedCommunication } from "../communications/communications";
import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import { authorize, can } from "../policies";
import {
  briefContentSchema,
  type decideSchema,
  type releaseSchema,
  reviewStagesSchema,
  rulesBriefOf,
  type submitForReviewSchema,
  type withdrawReviewSchema,
} from "../schemas";
import { commsManagers, notifyPeople, stageReviewers } from "./review-notifications";
import {
  addBusinessDays,
  type Decision,
  decide,
  defaultStages,
  functionsAwaiting,
  type ReviewPolicy,
  type ReviewState,
  type Reviewer,
  release,
  resubmit,
  type StageRule,
  checkSubmission,
  WorkflowError,
  withdraw,
} from "./workflow";

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
function step<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof WorkflowError)
      throw new AppError(workflowCodes[error.code], error.message, undefined, error.code);
    throw error;
  }
}

const communicationResource = (communication: LoadedCommunication) => ({
  kind: "communication" as const,
  ...communication,
});

/**
 * Provisions the organisation's default review template on first use, in its
 * own statement: inside a submission's transaction, concurrent first
 * submissions would wait on each other's uncommitted insert of the same key.
 */
export async function ensureDefaultTemplate(db: UseCaseContext["db"], organizationId: string) {
  const existing = await db.reviewTemplate.findFirst({
    where: { organizationId, isDefault: true },
    select: { id: true },
  });
  if (existing) return;
  await db.reviewTemplate.createMany({
    data: {
      organizationId,
      name: "Standard review",
      stages: defaultStages as unknown as Prisma.InputJsonValue,
      isDefault: true,
    },
    skipDuplicates: true,
  });
}

/** The template a new review copies its stages from: the one asked for, else the default. */
async function reviewTemplate(
  tx: Prisma.TransactionClient,
  organizationId: string,
  templateId: string | undefined,
) {
  const template = await tx.reviewTemplate.findFirst({
    where: templateId ? { id: templateId, organizationId } : { organizationId, isDefault: true },
  });
  if (!template) throw notFound("Review template");
  return { ...template, stages: reviewStagesSchema.parse(template.stages) };
}

/** Assignment rows → named reviewers per function. */
function namedFrom(rows: { function: ReviewFunction; userId: string }[]): ReviewPolicy["named"] {
  const named: ReviewPolicy["named"] = {};
  for (const row of rows) named[row.function] = [...(named[row.function] ?? []), row.userId];
  return named;
}

async function namedReviewers(
  db: Pick<Prisma.TransactionClient, "reviewAssignment">,
  communicationId: string,
) {
  return namedFrom(await db.reviewAssignment.findMany({ where: { communicationId } }));
}

function reviewerOf(ctx: UseCaseContext, organizationId: string): Reviewer {
  const membership = membershipIn(ctx.actor, organizationId)!;
  return {
    userId: ctx.actor!.userId,
    functions: membership.functions,
    isCommsManager: membership.roles.includes("COMMS_MANAGER"),
  };
}

/** Locks the communication's open review (if any) for the rest of the transaction. */
async function lockOpenReview(tx: Prisma.TransactionClient, communicationId: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Review"
    WHERE "communicationId" = ${communicationId}
      AND "status" IN ('IN_REVIEW', 'CHANGES_REQUESTED', 'APPROVED')
    ORDER BY "createdAt" DESC LIMIT 1
    FOR UPDATE`;
  return row ? tx.review.findUniqueOrThrow({ where: { id: row.id } }) : null;
}

async function lockReview(
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

const stateOf = (review: {
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
const decisionsOf = (
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
const communicationStatus = {
  IN_REVIEW: "IN_REVIEW",
  CHANGES_REQUESTED: "CHANGES_REQUESTED",
  REJECTED: "DRAFT",
  APPROVED: "APPROVED",
  RELEASED: "RELEASED",
  WITHDRAWN: "DRAFT",
} as const;

/**
 * Submits a saved version for review: freezes it with the brief in force,
 * the rules version and the full score. Below the organisation's minimum
 * score, or with blocking findings, a written override reason is required
 * (and audited). Submitting while a review is open puts the new version
 * under that review: earlier decisions are superseded.
 */
export async function submitForReview(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof submitForReviewSchema>,
) {
  authorize(ctx.actor, "review.submit", communicationResource(communication), "Communication");
  const version = await ctx.db.communicationVersion.findFirst({
    where: { id: input.versionId, communicationId: communication.id },
    select: {
      id: true,
      number: true,
      text: true,
      subject: true,
      preheader: true,
      contentHash: true,
      briefRevisionId: true,
    },
  });
  if (!version) throw notFound("Version");
  const revision = version.briefRevisionId
    ? await ctx.db.briefRevision.findUnique({ where: { id: version.briefRevisionId } })
    : null;
  const brief = revision ? briefContentSchema.parse(revision.content) : null;
  const persona = brief?.personaId
    ? await ctx.db.persona.findUnique({
        where: { id: brief.personaId },
        select: { readingGrade: true },
      })
    : null;
  const result = analyze(version.text, {
    channel: communication.channel,
    ...(communication.channel === "EMAIL"
      ? { subject: version.subject, preheader: version.preheader }
      : {}),
    ...(brief ? { brief: rulesBriefOf(brief, persona?.readingGrade ?? null) } : {}),
  });
  const organization = await ctx.db.organization.findUniqueOrThrow({
    where: { id: communication.organizationId },
    select: { minimumScore: true },
  });
  const blocking = result.findings.filter((f) => f.severity === "error");
  const needsOverride = result.score < organization.minimumScore || blocking.length > 0;
  if (needsOverride && !input.overrideReason)
    throw new AppError(
      "INVALID_INPUT",
      `Scores ${result.score} (minimum ${organization.minimumScore})${blocking.length ? ` with ${blocking.length} blocking finding${blocking.length === 1 ? "" : "s"}` : ""}: say why it should go to review anyway`,
      {
        overrideReason:
          "A written reason is needed to submit below the minimum or with blocking findings",
      },
      "OVERRIDE_REQUIRED",
    );
  const analysis = {
    score: result.score,
    dimensions: result.dimensions,
    findings: result.findings.map((f) => ({
      ruleId: f.ruleId,
      start: f.start,
      end: f.end,
      severity: f.severity,
      message: f.message,
      actual: f.actual,
    })),
    brief: result.brief,
  };
  const actorId = ctx.actor!.userId;
  await ensureDefaultTemplate(ctx.db, communication.organizationId);
  return ctx.db.$transaction(async (tx) => {
    const open = await lockOpenReview(tx, communication.id);
    if (open && input.templateId)
      throw new AppError(
        "CONFLICT",
        "A review is under way with its own stages: withdraw it to start one with another template",
        { templateId: "only a new review takes a template" },
        "REVIEW_UNDER_WAY",
      );
    const template = open
      ? null
      : await reviewTemplate(tx, communication.organizationId, input.templateId);
    const stages = open ? reviewStagesSchema.parse(open.stages) : template!.stages;
    checkSubmission(stages, {
      named: await namedReviewers(tx, communication.id),
      forbidSelfApproval: false,
    });
    const frozen = {
      versionId: version.id,
      versionHash: version.contentHash,
      briefRevisionId: version.briefRevisionId,
      rulesVersion: result.rulesVersion,
      score: result.score,
      analysis: analysis as unknown as Prisma.InputJsonValue,
      overrideReason: needsOverride ? input.overrideReason! : null,
      submittedById: actorId,
    };
    let review: Prisma.ReviewGetPayload<object>;
    let supersededCount = 0;
    if (open) {
      const next = step(() => resubmit(stateOf(open), version.contentHash, actorId));
      if (next.supersede) {
        const superseded = await tx.reviewDecision.updateMany({
          where: {
            reviewId: open.id,
            supersededAt: null,
            versionHash: { not: version.contentHash },
          },
          data: { supersededAt: new Date() },
        });
        supersededCount = superseded.count;
      }
      review = await tx.review.update({
        where: { id: open.id },
        data: {
          ...frozen,
          status: next.state.status,
          stage: next.state.stage,
          stageDueAt: addBusinessDays(new Date(), stages[next.state.stage]!.dueBusinessDays),
        },
      });
    } else {
      review = await tx.review.create({
        data: {
          ...frozen,
          organizationId: communication.organizationId,
          communicationId: communication.id,
          stages: stages as unknown as Prisma.InputJsonValue,
          templateName: template!.name,
          stageDueAt: addBusinessDays(new Date(), stages[0]!.dueBusinessDays),
        },
      });
    }
    await tx.communication.update({
      where: { id: communication.id },
      data: { status: "IN_REVIEW" },
    });
    const waitingStage = stages[review.stage];
    if (waitingStage)
      await notifyPeople(
        tx,
        await stageReviewers(
          tx,
          communication.organizationId,
          waitingStage,
          await namedReviewers(tx, communication.id),
        ),
        "REVIEW_WAITING",
        {
          organizationId: communication.organizationId,
          communicationId: communication.id,
          actorId,
          actorName: ctx.actor!.name,
          excerpt: `${communication.title}: version ${version.number} for “${waitingStage.name}”`,
        },
      );
    // The audit entries last: appending holds the organisation's trail lock
    // until commit, so it is taken as late as possible.
    if (supersededCount > 0)
      await appendAuditEvent(tx, {
        organizationId: communication.organizationId,
        kind: "SUPERSEDED",
        actorId,
        communicationId: communication.id,
        payload: {
          reviewId: review.id,
          decisions: supersededCount,
          fromVersionHash: open!.versionHash,
          toVersionHash: version.contentHash,
        },
      });
    await appendAuditEvent(tx, {
      organizationId: communication.organizationId,
      kind: "SUBMITTED",
      actorId,
      communicationId: communication.id,
      payload: {
        reviewId: review.id,
        versionId: version.id,
        versionNumber: version.number,
        versionHash: version.contentHash,
        briefRevisionId: version.briefRevisionId,
        rulesVersion: result.rulesVersion,
        score: result.score,
      },
    });
    if (needsOverride)
      await appendAuditEvent(tx, {
        organizationId: communication.organizationId,
        kind: "OVERRIDE",
        actorId,
        communicationId: communication.id,
        payload: {
          reviewId: review.id,
          score: result.score,
          minimumScore: organization.minimumScore,
          blocking: blocking.map((f) => f.ruleId),
          reason: input.overrideReason,
        },
      });
    return review;
  });
}

/**
 * One reviewer's decision on the version under review, in its current stage.
 * The review row is locked for the transaction, so two reviewers deciding at
 * once, or a decision racing a new submission, apply one after the other on
 * fresh state; a unique index stops a decision counting twice regardless.
 */
export async function decideReview(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof decideSchema>,
) {
  authorize(ctx.actor, "review.decide", communicationResource(communication), "Communication");
  const organization = await ctx.db.organization.findUniqueOrThrow({
    where: { id: communication.organizationId },
    select: { forbidSelfApproval: true, reviewReasonCodes: true },
  });
  if (input.reasonCode && !organization.reviewReasonCodes.includes(input.reasonCode))
    throw new AppError("INVALID_INPUT", `Unknown reason "${input.reasonCode}"`, {
      reasonCode: `Choose one of: ${organization.reviewReasonCodes.join(", ")}`,
    });
  const reviewer = reviewerOf(ctx, communication.organizationId);
  return ctx.db.$transaction(async (tx) => {
    const review = await lockReview(tx, communication, input.reviewId);
    const stages = reviewStagesSchema.parse(review.stages) as StageRule[];
    const decisions = decisionsOf(
      await tx.reviewDecision.findMany({ where: { reviewId: review.id } }),
    );
    const policy: ReviewPolicy = {
      named: await namedReviewers(tx, communication.id),
      forbidSelfApproval: organization.forbidSelfApproval,
    };
    const result = step(() =>
      decide(
        stateOf(review),
        stages,
        decisions,
        {
          reviewer,
          function: input.function,
          kind: input.kind,
          reasonCode: input.reasonCode ?? null,
          versionHash: input.versionHash,
        },
        policy,
      ),
    );
    const decision = await tx.reviewDecision
      .create({
        data: {
          reviewId: review.id,
          stage: result.decision.stage,
          function: result.decision.function,
          reviewerId: reviewer.userId,
          kind: input.kind,
          reasonCode: input.reasonCode ?? null,
          comment: input.comment,
          versionHash: review.versionHash,
        },
      })
      .catch((error: { code?: string }) => {
        // The partial unique index: a live decision counts once, whatever the timing.
        if (error.code === "P2002")
          throw new AppError(
            "CONFLICT",
            "You have already decided on this version",
            undefined,
            "ALREADY_DECIDED",
          );
        throw error;
      });
    const advanced = result.state.stage !== review.stage;
    const updated = await tx.review.update({
      where: { id: review.id },
      data: {
        status: result.state.status,
        stage: result.state.stage,
        ...(advanced
          ? {
              stageDueAt: stages[result.state.stage]
                ? addBusinessDays(new Date(), stages[result.state.stage]!.dueBusinessDays)
                : null,
            }
          : {}),
      },
    });
    await tx.communication.update({
      where: { id: communication.id },
      data: { status: communicationStatus[result.state.status] },
    });
    const about = {
      organizationId: communication.organizationId,
      communicationId: communication.id,
      actorId: reviewer.userId,
      actorName: ctx.actor!.name,
    };
    if (input.kind === "REQUEST_CHANGES" || input.kind === "REJECT")
      await notifyPeople(tx, [communication.ownerId, review.submittedById], "CHANGES_REQUESTED", {
        ...about,
        excerpt: `${communication.title}: ${input.kind === "REJECT" ? "rejected" : "changes requested"} (${input.reasonCode})${input.comment ? ` — ${input.comment}` : ""}`,
      });
    else if (result.state.status === "APPROVED")
      await notifyPeople(
        tx,
        [communication.ownerId, ...(await commsManagers(tx, communication.organizationId))],
        "REVIEW_APPROVED",
        { ...about, excerpt: `${communication.title}: every stage approved; ready to release` },
      );
    else if (advanced && stages[result.state.stage])
      await notifyPeople(
        tx,
        await stageReviewers(
          tx,
          communication.organizationId,
          stages[result.state.stage]!,
          policy.named,
        ),
        "REVIEW_WAITING",
        {
          ...about,
          excerpt: `${communication.title}: now waiting on “${stages[result.state.stage]!.name}”`,
        },
      );
    await appendAuditEvent(tx, {
      organizationId: communication.organizationId,
      kind: "DECIDED",
      actorId: reviewer.userId,
      communicationId: communication.id,
      payload: {
        reviewId: review.id,
        decisionId: decision.id,
        stage: decision.stage,
        function: decision.function,
        kind: decision.kind,
        reasonCode: decision.reasonCode,
        versionHash: decision.versionHash,
        statusAfter: updated.status,
        stageAfter: updated.stage,
      },
    });
    return { review: updated, decision };
  });
}

/** Who records a release: a comms manager, or a sending system through its token. */
type Releaser =
  | { kind: "person"; reviewer: Reviewer; name: string }
  | { kind: "token"; tokenId: string; name: string };

/**
 * The owner (or a comms manager) withdraws a review that is not yet closed:
 * it stops taking decisions, leaves the inbox, and the communication goes
 * back to draft. The reason is kept on the review and in the audit trail.
 */
export async function withdrawReview(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof withdrawReviewSchema>,
) {
  authorize(ctx.actor, "review.submit", communicationResource(communication), "Communication");
  return ctx.db.$transaction(async (tx) => {
    const review = await lockReview(tx, communication, input.reviewId);
    const next = step(() => withdraw(stateOf(review)));
    const updated = await tx.review.update({
      where: { id: review.id },
      data: { status: next.status, stageDueAt: null, withdrawnReason: input.reason },
    });
    await tx.communication.update({
      where: { id: communication.id },
      data: { status: communicationStatus.WITHDRAWN },
    });
    await appendAuditEvent(tx, {
      organizationId: communication.organizationId,
      kind: "WITHDRAWN",
      actorId: ctx.actor!.userId,
      communicationId: communication.id,
      payload: {
        reviewId: review.id,
        versionHash: review.versionHash,
        fromStatus: review.status,
        reason: input.reason,
      },
    });
    return updated;
  });
}

/** The release itself, in one transaction: the review row locked, everything written or nothing. */
export async function recordRelease(
  db: UseCaseContext["db"],
  communication: Pick<LoadedCommunication, "id" | "organizationId" | "ownerId" | "title">,
  reviewId: string,
  input: Omit<z.output<typeof releaseSchema>, "communicationId" | "reviewId">,
  by: Releaser,
) {
  // A token stands for the organisation's release approval, so it may release
  // what a comms manager may.
  const releaser: Reviewer =
    by.kind === "person"
      ? by.reviewer
      : { userId: `token:${by.tokenId}`, functions: [], isCommsManager: true };
  return db.$transaction(async (tx) => {
    const review = await lockReview(tx, communication, reviewId);
    step(() => release(stateOf(review), releaser));
    const userId = by.kind === "person" ? by.reviewer.userId : null;
    const record = await tx.release.create({
      data: {
        reviewId: review.id,
        communicationId: communication.id,
        versionId: review.versionId,
        channel: input.channel,
        sendDates: input.sendDates,
        recipients: input.recipients,
        campaignId: input.campaignId ?? null,
        releasedById: userId,
        releasedByTokenId: by.kind === "token" ? by.tokenId : null,
      },
    });
    await tx.review.update({
      where: { id: review.id },
      data: { status: "RELEASED", stageDueAt: null },
    });
    await tx.communication.update({
      where: { id: communication.id },
      data: { status: "RELEASED" },
    });
    const deciders = await tx.reviewDecision.findMany({
      where: { reviewId: review.id, supersededAt: null },
      select: { reviewerId: true },
    });
    await notifyPeople(
      tx,
      [communication.ownerId, review.submittedById, ...deciders.map((d) => d.reviewerId)],
      "RELEASED",
      {
        organizationId: communication.organizationId,
        communicationId: communication.id,
        actorId: userId ?? "",
        actorName: by.name,
        excerpt: `${communication.title}: released to ${input.recipients.toLocaleString("en")} recipients`,
      },
    );
    await appendAuditEvent(tx, {
      organizationId: communication.organizationId,
      kind: "RELEASED",
      actorId: userId,
      communicationId: communication.id,
      payload: {
        reviewId: review.id,
        releaseId: record.id,
        versionId: review.versionId,
        versionHash: review.versionHash,
        channel: input.channel,
        sendDates: input.sendDates.map((d) => d.toISOString()),
        recipients: input.recipients,
        campaignId: input.campaignId ?? null,
        ...(by.kind === "token"
          ? { via: "release token", tokenId: by.tokenId, tokenName: by.name }
          : {}),
      },
    });
    return record;
  });
}

/** The comms manager releases an approved review; the released version is final. */
export async function releaseReview(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: z.output<typeof releaseSchema>,
) {
  authorize(ctx.actor, "review.release", communicationResource(communication), "Communication");
  return recordRelease(ctx.db, communication, input.reviewId, input, {
    kind: "person",
    reviewer: reviewerOf(ctx, communication.organizationId),
    name: ctx.actor!.name,
  });
}

/**
 * The communication's newest review, with its stages and every decision
 * (superseded ones marked), and what the reader may do: submit, release,
 * or decide for which functions in the current stage.
 */
export async function currentReview(ctx: UseCaseContext, communication: LoadedCommunication) {
  const organization = await ctx.db.organization.findUniqueOrThrow({
    where: { id: communication.organizationId },
    select: { reviewReasonCodes: true, minimumScore: true },
  });
  const me = reviewerOf(ctx, communication.organizationId);
  const resource = communicationResource(communication);
  const row = await ctx.db.review.findFirst({
    where: { communicationId: communication.id },
    orderBy: { createdAt: "desc" },
    include: {
      decisions: {
        orderBy: { createdAt: "asc" },
        include: { reviewer: { select: { id: true, name: true } } },
      },
      version: { select: { number: true, name: true } },
      release: true,
    },
  });
  const releasedBy = row?.release?.releasedById
    ? await ctx.db.user.findUnique({
        where: { id: row.release.releasedById },
        select: { name: true },
      })
    : null;
  const releasedByToken = row?.release?.releasedByTokenId
    ? await ctx.db.releaseToken.findUnique({
        where: { id: row.release.releasedByTokenId },
        select: { name: true },
      })
    : null;
  const review = row
    ? {
        ...row,
        stages: reviewStagesSchema.parse(row.stages),
        release: row.release
          ? {
              ...row.release,
              releasedByName:
                releasedBy?.name ??
                (releasedByToken ? `${releasedByToken.name} (sending system)` : ""),
            }
          : null,
      }
    : null;
  const named = await namedReviewers(ctx.db, communication.id);
  const mayOwn = can(ctx.actor, "review.submit", resource);
  // The templates a new review may follow, the default first.
  const templates = mayOwn
    ? await ctx.db.reviewTemplate.findMany({
        where: { organizationId: communication.organizationId },
        select: { id: true, name: true, isDefault: true },
        orderBy: [{ isDefault: "desc" }, { name: "asc" }],
      })
    : [];
  const decideAs = review
    ? functionsAwaiting(stateOf(review), review.stages, decisionsOf(review.decisions), me, named)
    : [];
  return {
    review,
    named,
    reasonCodes: organization.reviewReasonCodes,
    minimumScore: organization.minimumScore,
    templates,
    can: {
      submit: mayOwn,
      withdraw:
        mayOwn &&
        (review?.status === "IN_REVIEW" ||
          review?.status === "CHANGES_REQUESTED" ||
          review?.status === "APPROVED"),
      release: review?.status === "APPROVED" && me.isCommsManager,
      decideAs,
      mapCallReasons: can(ctx.actor, "calls.mapCommunication", resource),
    },
  };
}

/** Names a reviewer for a function on one communication (the owner's choice). */
export async function assignReviewers(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: { function: ReviewFunction; userIds: string[] },
) {
  authorize(ctx.actor, "review.assign", communicationResource(communication), "Communication");
  const members = await ctx.db.membership.findMany({
    where: { organizationId: communication.organizationId, userId: { in: input.userIds } },
    select: { userId: true, functions: true },
  });
  for (const userId of input.userIds) {
    const member = members.find((m) => m.userId === userId);
    if (!member?.functions.includes(input.function))
      throw new AppError("INVALID_INPUT", `Only members of ${input.function} can be named for it`, {
        userIds: `${userId} is not in ${input.function}`,
      });
  }
  await ctx.db.$transaction([
    ctx.db.reviewAssignment.deleteMany({
      where: { communicationId: communication.id, function: input.function },
    }),
    ctx.db.reviewAssignment.createMany({
      data: input.userIds.map((userId) => ({
        communicationId: communication.id,
        function: input.function,
        userId,
      })),
    }),
  ]);
  return namedReviewers(ctx.db, communication.id);
}

/**
 * "My reviews": open reviews whose current stage a function of mine decides
 * (and that named me, where the owner named anyone), that I have not decided
 * on this version; overdue first, then by due time.
 */
export async function myReviews(ctx: UseCaseContext, organizationId: string) {
  authorize(
    ctx.actor,
    "communication.list",
    { kind: "organization", organizationId },
    "Organisation",
  );
  const me = reviewerOf(ctx, organizationId);
  if (me.functions.length === 0) return [];
  const open = await ctx.db.review.findMany({
    where: { organizationId, status: "IN_REVIEW" },
    include: {
      communication: { select: { id: true, title: true, channel: true, reviewAssignments: true } },
      decisions: { where: { supersededAt: null, reviewerId: me.userId } },
    },
  });
  const now = Date.now();
  return open
    .flatMap((review) => {
      const stages = reviewStagesSchema.parse(review.stages);
      const stage = stages[review.stage];
      if (!stage) return [];
      const named = namedFrom(review.communication.reviewAssignments);
      const functions = functionsAwaiting(
        stateOf(review),
        stages,
        decisionsOf(review.decisions),
        me,
        named,
      );
      if (!functions.length) return [];
      return [
        {
          reviewId: review.id,
          communication: {
            id: review.communication.id,
            title: review.communication.title,
            channel: review.communication.channel,
          },
          stageName: stage.name,
          functions,
          dueAt: review.stageDueAt,
          overdue: review.stageDueAt ? review.stageDueAt.getTime() < now : false,
        },
      ];
    })
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity),
    );
}
