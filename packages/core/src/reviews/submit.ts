import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { AuditEventInput } from "../audit/append";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import { authorizeCommunication } from "../policies";
import { reviewStagesSchema, type submitForReviewSchema } from "../schemas";
import { personaGrade, scoreSavedVersionWithPersona } from "../scoring/score-saved-version";
import { writeWebhookDeliveries } from "../webhooks/enqueue";
import { ensureDefaultTemplate } from "./default-template";
import { notificationRecipients, stageAudience } from "./review-notifications";
import { lockOpenReviewState, stateOf, step } from "./store";
import { readSubmissionAudience, readSubmissionInputs } from "./submission-reads";
import { type SubmissionReview, supersedeDecisions, writeSubmission } from "./submission-writes";
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
  // The version, the template and the rule set in force: one statement.
  const read = await readSubmissionInputs(ctx.db, communication, input);
  // No default template yet: provisioned on first use (reviewTemplate).
  const chosenTemplate =
    read.template ??
    (input.templateId
      ? null
      : await reviewTemplate(ctx.db, communication.organizationId, undefined));
  const { version } = read;
  if (!version) throw notFound("Version");
  const organization = { minimumScore: version.minimumScore };
  // The frozen analysis scores the version's blocks as the live panel did.
  const result = await scoreSavedVersionWithPersona(
    version,
    {
      channel: communication.channel,
      minimumScore: organization.minimumScore,
      ruleSet: read.ruleSet,
    },
    // Read beside the version, by the id the brief names as stored.
    async (personaId) =>
      personaId === version.persona.id
        ? version.persona.readingGrade
        : personaGrade(ctx.db, personaId),
  );
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
  // Five statements from BEGIN to COMMIT: lock the open review, read who
  // reviews, write everything with the audit entries (one more to
  // supersede decisions, when that applies). See submission-reads.ts and
  // submission-writes.ts for why.
  return ctx.db.$transaction(async (tx) => {
    const open = await lockOpenReviewState(tx, communication.id);
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
    const { named, members, webhooks } = await readSubmissionAudience(tx, communication);
    checkSubmission(stages, { named, forbidSelfApproval: false });
    const frozen = {
      versionId: version.id,
      versionHash: version.contentHash,
      briefRevisionId: version.briefRevisionId,
      rulesVersion: result.rulesVersion,
      score: result.score,
      analysis,
      // Checked above: a needed override always came with its reason.
      overrideReason: needsOverride ? (input.overrideReason ?? null) : null,
      submittedById: actorId,
    };
    let plan: SubmissionReview;
    let supersededCount = 0;
    if (open) {
      const next = step(() => resubmit(stateOf(open), version.contentHash, actorId));
      plan = {
        kind: "reopened",
        id: open.id,
        status: next.state.status,
        stage: next.state.stage,
        stageDueAt: addBusinessDays(
          new Date(),
          stageRule(stages, next.state.stage).dueBusinessDays,
        ),
      };
      if (next.supersede)
        supersededCount = await supersedeDecisions(tx, open.id, version.contentHash);
    } else {
      if (!template) throw new Error("A review with none open is made from a template");
      plan = {
        kind: "new",
        id: randomUUID(),
        organizationId: communication.organizationId,
        communicationId: communication.id,
        stages,
        templateName: template.name,
        stageDueAt: addBusinessDays(new Date(), stageRule(stages, 0).dueBusinessDays),
      };
    }
    // A new review waits on its first stage; a reopened one where it stands.
    const waitingStage = stages[plan.kind === "new" ? 0 : plan.stage];
    const about = {
      organizationId: communication.organizationId,
      communicationId: communication.id,
      actorId,
      actorName: actor.name,
      excerpt: waitingStage
        ? `${communication.title}: version ${version.number} for “${waitingStage.name}”`
        : "",
    };
    const kind = "REVIEW_WAITING" as const;
    // The outbox rows of the webhooks that asked for the event (none, mostly).
    if (waitingStage)
      await writeWebhookDeliveries(
        tx,
        webhooks.filter((hook) => hook.events.includes(kind)),
        kind,
        about,
      );
    // The audit entries go with the writes, in their statement: the trail's
    // lock is taken there and held only until the commit that follows.
    const entries: AuditEventInput[] = [];
    if (open && supersededCount > 0)
      entries.push({
        organizationId: communication.organizationId,
        kind: "SUPERSEDED",
        actorId,
        communicationId: communication.id,
        payload: {
          reviewId: plan.id,
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
        reviewId: plan.id,
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
          reviewId: plan.id,
          score: result.score,
          minimumScore: organization.minimumScore,
          blocking: blocking.map((f) => f.ruleId),
          reason: input.overrideReason,
        },
      });
    return writeSubmission(
      tx,
      frozen,
      plan,
      communication,
      waitingStage
        ? {
            recipients: notificationRecipients(
              stageAudience(members, waitingStage, named),
              actorId,
            ),
            kind,
            about,
          }
        : null,
      entries,
    );
  });
}
