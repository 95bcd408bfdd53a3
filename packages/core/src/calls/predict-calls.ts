import { ruleDefinitions } from "@conductor/rules";
import type { z } from "zod";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { notFound } from "../errors";
import { authorizeCommunication } from "../policies";
import { ruleSetInForce } from "../rule-sets/in-force";
import type { predictCallsSchema } from "../schemas";
import { scoreSavedVersion } from "../scoring/score-saved-version";
import { featuresOfAnalysis } from "./evidence/features";
import { MINIMUM_RELEASES, predict } from "./evidence/model";
import { organizationEvidence } from "./evidence-history";
import type { Interval } from "./stats";

const titles = new Map<string, string>(ruleDefinitions.map((r) => [r.id, r.title]));

/** A finding that adds to the prediction: what removing it would save, per 1,000 recipients. */
export interface PredictionContribution {
  ruleId: string;
  title: string;
  perThousand: number;
  /** How much the finding multiplies the contact rate in this organisation's history. */
  rateRatio: number;
}

/** A question the rules expect this version to raise (the analysis' call drivers). */
export interface LikelyQuestion {
  question: string;
  because: string;
}

/**
 * What the prediction beside Submit shows. `predicted`: "predicted 6.1
 * (3.2–11) calls per 1,000 ≈ 146 calls for 24,000 recipients ≈ $X" with the
 * three findings that add most. `no-history`: too few releases with measured
 * calls to fit a model — say so and show the rule-based likely questions
 * only. `no-version`: nothing saved to predict from yet.
 */
export type CallPrediction =
  | {
      status: "predicted";
      versionId: string;
      versionNumber: number;
      /** The interval's level: 0.9. */
      level: number;
      /** Excess calls per 1,000 recipients: estimate and 90% interval. */
      perThousand: Interval;
      /** The audience predicted for (the input's, else the last release's); null when unknown. */
      recipients: number | null;
      /** Calls for that audience (null without one). */
      calls: Interval | null;
      /** What they cost, when the organisation has set a cost per call (null otherwise). */
      cost: (Interval & { currency: string; perCall: number }) | null;
      /** At most three, largest first. */
      contributions: PredictionContribution[];
      /** Rules found in this version that the history has too few messages to weigh. */
      unmodelledRuleIds: string[];
      /** Releases with measured calls the model was fitted on. */
      releasesMeasured: number;
      likelyQuestions: LikelyQuestion[];
    }
  | {
      status: "no-history";
      versionId: string;
      versionNumber: number;
      releasesMeasured: number;
      /** How many measured releases a prediction needs. */
      releasesNeeded: number;
      /** What is left to show without a model: the questions the rules expect. */
      likelyQuestions: LikelyQuestion[];
    }
  | { status: "no-version" };

/**
 * Predicted excess calls for a version of a communication (its latest
 * unless one is named), from the organisation's model of its own released
 * messages: the version is scored as submission would freeze it, and the
 * prediction's interval covers the coefficients' uncertainty and how far a
 * release strays from its features. Every reader of the message may see it.
 */
export async function predictCalls(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: Omit<z.output<typeof predictCallsSchema>, "communicationId">,
): Promise<CallPrediction> {
  authorizeCommunication(ctx, "communication.read", communication);
  const [version, organization, lastRelease] = await Promise.all([
    ctx.db.communicationVersion.findFirst({
      where: {
        communicationId: communication.id,
        ...(input.versionId ? { id: input.versionId } : {}),
      },
      orderBy: { number: "desc" },
      select: {
        id: true,
        number: true,
        json: true,
        subject: true,
        preheader: true,
        briefRevision: { select: { content: true } },
      },
    }),
    ctx.db.organization.findUniqueOrThrow({
      where: { id: communication.organizationId },
      select: { minimumScore: true, costPerCallCents: true, costCurrency: true },
    }),
    ctx.db.release.findFirst({
      where: { communicationId: communication.id },
      orderBy: { createdAt: "desc" },
      select: { recipients: true },
    }),
  ]);
  if (!version) {
    if (input.versionId) throw notFound("Version");
    return { status: "no-version" };
  }
  // Scored as submission would score it now: with the rule set in force.
  const [{ observations, model }, inForce] = await Promise.all([
    organizationEvidence(ctx.db, communication.organizationId),
    ruleSetInForce(ctx.db, communication.organizationId),
  ]);
  const result = await scoreSavedVersion(ctx.db, version, {
    channel: communication.channel,
    minimumScore: organization.minimumScore,
    ruleSet: inForce?.ruleSet ?? null,
  });
  const likelyQuestions = result.callDrivers.map((d) => ({
    question: d.question,
    because: d.because,
  }));
  if (!model)
    return {
      status: "no-history",
      versionId: version.id,
      versionNumber: version.number,
      releasesMeasured: observations.length,
      releasesNeeded: MINIMUM_RELEASES,
      likelyQuestions,
    };
  const recipients = input.recipients ?? lastRelease?.recipients ?? null;
  // Without an audience, the rate is predicted for the history's median one.
  const sizes = observations.map((o) => o.features.recipients).sort((a, b) => a - b);
  const audience = recipients ?? sizes[Math.floor(sizes.length / 2)] ?? 1000;
  const prediction = predict(model, featuresOfAnalysis(result, communication.channel, audience));
  const perCall =
    organization.costPerCallCents === null ? null : organization.costPerCallCents / 100;
  const calls = recipients === null ? null : prediction.calls;
  return {
    status: "predicted",
    versionId: version.id,
    versionNumber: version.number,
    level: prediction.level,
    perThousand: prediction.perThousand,
    recipients,
    calls,
    cost:
      calls && perCall !== null
        ? {
            currency: organization.costCurrency,
            perCall,
            estimate: calls.estimate * perCall,
            low: calls.low * perCall,
            high: calls.high * perCall,
          }
        : null,
    contributions: prediction.contributions.map((c) => ({
      ...c,
      title: titles.get(c.ruleId) ?? c.ruleId,
    })),
    unmodelledRuleIds: prediction.unmodelledRuleIds,
    releasesMeasured: observations.length,
    likelyQuestions,
  };
}
