import type { Prisma } from "@conductor/db";
import type { z } from "zod";
import { type AuditEventInput, appendAuditEvents } from "../audit/append";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import { authorizeCommunication } from "../policies";
import { ruleSetInForce } from "../rule-sets/in-force";
import { reviewStagesSchema, type submitForReviewSchema } from "../schemas";
import { scoreSavedVersion } from "../scoring/score-saved-version";
import { ensureDefaultTemplate } from "./default-template";
import { notifyPeople, stageReviewers } from "./review-notifications";
import { lockOpenReview, namedReviewers, stateOf, step } from "./store";
import { addBusinessDays, checkSubmission, resubmit, stageRule } from "./workflow";

/**
 * The template a new review would copy its stages from: the one asked for,
 * else the default (provisioned on first use), or null when there is no
 * such template. Read before the transaction, beside the other reads: a
 * template is settings, not state the submission's locks guard.
 */
async function reviewTemplate(
  db: UseCaseContext["db"],
  organizationId: string,
  templateId: string | undefined,
) {
  const find = () =>
    db.reviewTemplate.findFirst({
      where: templateId ? { id: templateId, organizationId } : { organizationId, isDefault: true },
    });
  let template = await find();
  if (!template && !templateId) {
    await ensureDefaultTemplate(db, organizationId);
    template = await find();
  }
  return template && { ...template, stages: reviewStagesSchema.parse(template.stages) };
}

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
  const { actor } = authorizeCommunication(ctx, "review.submit", communication);
  // Independent reads side by side, each on its own pooled connection.
  const [version, chosenTemplate, ruleSet] = await Promise.all([
    ctx.db.communicationVersion.findFirst({
      where: { id: input.versionId, communicationId: communication.id },
      select: {
        id: true,
        number: true,
        json: true,
        subject: true,
        preheader: true,
        contentHash: true,
        briefRevisionId: true,
        briefRevision: { select: { content: true } },
        communication: { select: { organization: { select: { minimumScore: true } } } },
      },
    }),
    reviewTemplate(ctx.db, communication.organizationId, input.templateId),
    // The rule set in force now, as the live panel scored with it.
    ruleSetInForce(ctx.db, communication.organizationId),
  ]);
  if (!version) throw notFound("Version");
  const { organization } = version.communication;
  // The frozen analysis scores the version's blocks as the live panel did.
  const result = await scoreSavedVersion(ctx.db, version, {
    channel: communication.channel,
    minimumScore: organization.minimumScore,
    ruleSet: ruleSet?.ruleSet ?? null,
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
    // What the evidence model weighs besides the findings (calls/evidence/features.ts).
    metrics: { consensusGrade: result.metrics.consensusGrade },
    tone: {
      tara: {
        trust: { score: result.tone.tara.trust.score },
        authenticity: { score: result.tone.tara.authenticity.score },
        reliability: { score: result.tone.tara.reliability.score },
        access: { score: result.tone.tara.access.score },
      },
    },
  };
  const actorId = actor.userId;
  return ctx.db.$transaction(async (tx) => {
    const open = await lockOpenReview(tx, communication.id);
    if (open && input.templateId)
      throw new AppError(
        "CONFLICT",
        "A review is under way with its own stages: withdraw it to start one with another template",
        { templateId: "only a new review takes a template" },
        "REVIEW_UNDER_WAY",
      );
    const template = open ? null : chosenTemplate;
    if (!open && !template) throw notFound("Review template");
    // With no review open there is always a template, so open is set here when template is not.
    const stages = template ? template.stages : reviewStagesSchema.parse(open?.stages);
    const named = await namedReviewers(tx, communication.id);
    checkSubmission(stages, { named, forbidSelfApproval: false });
    const frozen = {
      versionId: version.id,
      versionHash: version.contentHash,
      briefRevisionId: version.briefRevisionId,
      rulesVersion: result.rulesVersion,
      score: result.score,
      analysis: analysis as unknown as Prisma.InputJsonValue,
      // Checked above: a needed override always came with its reason.
      overrideReason: needsOverride ? (input.overrideReason ?? null) : null,
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
          stageDueAt: addBusinessDays(
            new Date(),
            stageRule(stages, next.state.stage).dueBusinessDays,
          ),
        },
      });
    } else {
      if (!template) throw new Error("A review with none open is made from a template");
      review = await tx.review.create({
        data: {
          ...frozen,
          organizationId: communication.organizationId,
          communicationId: communication.id,
          stages: stages as unknown as Prisma.InputJsonValue,
          templateName: template.name,
          stageDueAt: addBusinessDays(new Date(), stageRule(stages, 0).dueBusinessDays),
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
        await stageReviewers(tx, communication.organizationId, waitingStage, named),
        "REVIEW_WAITING",
        {
          organizationId: communication.organizationId,
          communicationId: communication.id,
          actorId,
          actorName: actor.name,
          excerpt: `${communication.title}: version ${version.number} for “${waitingStage.name}”`,
        },
      );
    // The audit entries last, in one append: appending holds the
    // organisation's trail lock until commit, so it is taken as late as
    // possible and held for as few round trips as possible.
    const entries: AuditEventInput[] = [];
    if (open && supersededCount > 0)
      entries.push({
        organizationId: communication.organizationId,
        kind: "SUPERSEDED",
        actorId,
        communicationId: communication.id,
        payload: {
          reviewId: review.id,
          decisions: supersededCount,
          fromVersionHash: open.versionHash,
          toVersionHash: version.contentHash,
        },
      });
    entries.push({
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
      entries.push({
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
    await appendAuditEvents(tx, entries);
    return review;
  });
}
