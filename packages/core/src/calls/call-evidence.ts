import { type RuleSet, ruleDefinitions } from "@conductor/rules";
import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import { ruleSetInForce } from "../rule-sets/in-force";
import { crossValidate } from "./evidence/calibration";
import { MINIMUM_RELEASES, PRIOR } from "./evidence/model";
import { type ProposedChange, proposeChanges, type RuleEvidence } from "./evidence/proposals";
import { organizationEvidence } from "./evidence-history";
import type { Interval } from "./stats";

const titles = new Map<string, string>(ruleDefinitions.map((r) => [r.id, r.title]));

/** One release on the calibration chart: predicted by a model that never saw it, against its measurement. */
export interface CalibrationRow {
  releaseId: string;
  communicationId: string;
  title: string;
  releasedAt: Date;
  recipients: number;
  /** Per 1,000 recipients: the 90% interval the measured excess should fall in. */
  predicted: Interval;
  /** The measured excess per 1,000 recipients (the report card's contact rate). */
  measured: number;
  inside: boolean;
}

/**
 * What the Evidence page shows. `fitted`: calibration across releases (one
 * row per measured release, the share inside its 90% interval), each
 * modelled rule's evidence (effect per 1,000 and rate ratio with 95%
 * intervals, messages with and without, whether it holds in holdout
 * releases, and the change proposed when the evidence is clear), rules too
 * rare to weigh, and the proposal as a whole: the changes and the rule set
 * adopting them would save. `no-history`: too few measured releases.
 */
export type CallEvidence =
  | {
      status: "fitted";
      releasesMeasured: number;
      /** Releases whose calls could not be measured (no reasons mapped, no data around the window). */
      releasesUnmeasured: number;
      calibration: {
        level: number;
        folds: number;
        shareInside: number | null;
        rows: CalibrationRow[];
      };
      rules: (RuleEvidence & { title: string })[];
      /** Rules found on too few (or too many) messages to estimate. */
      tooFew: { ruleId: string; title: string; nWith: number }[];
      proposal: {
        changes: ProposedChange[];
        ruleSet: RuleSet;
        testLevel: number;
        /** The rule-set version the proposal starts from (null: the product's defaults). */
        basedOn: { ruleSetVersionId: string; number: number } | null;
      };
      /** The fitted overdispersion α and the prior the model shrinks towards (see the evidence README). */
      overdispersion: number;
      prior: typeof PRIOR;
    }
  | { status: "no-history"; releasesMeasured: number; releasesNeeded: number };

/** The organisation's rule evidence and calibration, for analysts and admins. */
export async function callEvidence(
  ctx: UseCaseContext,
  organizationId: string,
): Promise<CallEvidence> {
  authorizeInOrganization(ctx, "calls.evidence", organizationId);
  const [{ analysis, observations, model }, inForce] = await Promise.all([
    organizationEvidence(ctx.db, organizationId),
    ruleSetInForce(ctx.db, organizationId),
  ]);
  if (!model)
    return {
      status: "no-history",
      releasesMeasured: observations.length,
      releasesNeeded: MINIMUM_RELEASES,
    };
  const reports = new Map(analysis.releases.map((r) => [r.releaseId, r]));
  const calibration = crossValidate(observations);
  // Proposals start from the rule set in force: a severity already raised
  // is raised again only from there, a rule already off is left alone.
  const proposal = proposeChanges(model, observations, inForce?.ruleSet ?? {});
  return {
    status: "fitted",
    releasesMeasured: observations.length,
    releasesUnmeasured: analysis.releases.length - observations.length,
    calibration: {
      level: calibration.level,
      folds: calibration.folds,
      shareInside: calibration.shareInside,
      rows: calibration.points.flatMap((p) => {
        const report = reports.get(p.releaseId);
        return report
          ? [
              {
                ...p,
                communicationId: report.communication.id,
                title: report.communication.title,
                releasedAt: report.releasedAt,
              },
            ]
          : [];
      }),
    },
    rules: proposal.rules.map((r) => ({ ...r, title: titles.get(r.ruleId) ?? r.ruleId })),
    tooFew: model.design.tooFew.map((r) => ({ ...r, title: titles.get(r.ruleId) ?? r.ruleId })),
    proposal: {
      changes: proposal.changes,
      ruleSet: proposal.ruleSet,
      testLevel: proposal.testLevel,
      basedOn: inForce ? { ruleSetVersionId: inForce.id, number: inForce.number } : null,
    },
    overdispersion: model.fit.alpha,
    prior: PRIOR,
  };
}
