import { can } from "@conductor/core";
import { Alert, Card, EmptyState, PageHeader } from "@conductor/ui";
import type { Metadata } from "next";
import Link from "next/link";
import { figure } from "~/components/calls/figures";
import { serverApi } from "~/server/api";
import { currentWorkspace } from "~/server/organization";
import { AdoptProposal } from "./adopt-proposal";
import { CalibrationChart } from "./calibration-chart";
import { changeWords } from "./change-words";
import { QuestionCoverage } from "./question-coverage";
import { RuleEvidenceTable } from "./rule-evidence-table";

export const metadata: Metadata = { title: "Evidence" };

/**
 * Analytics → Evidence: how well the organisation's model predicted its own
 * releases, which rules' findings went with more or fewer calls, and the
 * rule-set change that evidence supports — adopted only by an admin who
 * says why.
 */
export default async function EvidencePage() {
  const { actor, membership } = await currentWorkspace();
  const organizationId = membership.organizationId;
  const scope = { kind: "organization" as const, organizationId };
  const header = (
    <PageHeader
      title="Evidence"
      description="Predicted calls against measured ones across releases, and what this organisation's own history says each rule is worth."
    />
  );
  const back = (
    <p className="mb-4 text-sm">
      <Link href="/analytics" className="text-indigo-800 underline">
        Back to Analytics
      </Link>
    </p>
  );
  if (!can(actor, "calls.evidence", scope))
    return (
      <>
        {header}
        {back}
        <Alert title="Not available to your role">
          Only an analyst or an admin sees the rule evidence.
        </Alert>
      </>
    );
  const mayAdopt = can(actor, "ruleSet.adopt", scope);
  const api = await serverApi();
  const evidence = await api.calls.evidence({ organizationId });
  if (evidence.status === "no-history")
    return (
      <>
        {header}
        {back}
        <EmptyState title="Too little history to weigh the rules">
          The model needs {evidence.releasesNeeded} released messages with measured calls; this
          organisation has {evidence.releasesMeasured}. Until then predictions beside Submit list
          the questions the rules expect, without a number, and nothing here proposes a change.
        </EmptyState>
        <Card title="Likely questions against the calls that came" className="mt-6">
          <QuestionCoverage organizationId={organizationId} />
        </Card>
      </>
    );
  const { calibration, proposal } = evidence;
  const level = Math.round(calibration.level * 100);
  const inside = calibration.rows.filter((r) => r.inside).length;
  return (
    <>
      {header}
      {back}
      <div className="space-y-6">
        <Card title="Predicted against measured, release by release">
          <p className="mb-2 text-sm text-slate-800" data-testid="calibration-share">
            {calibration.shareInside === null ? (
              "No release could be predicted without itself yet."
            ) : (
              <>
                <strong className="text-lg">{Math.round(calibration.shareInside * 100)}%</strong> of
                measured releases fell inside their {level}% predicted interval ({inside} of{" "}
                {calibration.rows.length}); about {level}% is what a calibrated model gives.
              </>
            )}
          </p>
          <CalibrationChart rows={calibration.rows} level={calibration.level} />
          <p className="mt-2 text-xs text-slate-600">
            Each release is predicted by a model fitted on the other releases only (
            {calibration.folds}-fold cross-validation), so no prediction has seen its own
            measurement. {evidence.releasesMeasured} releases measured
            {evidence.releasesUnmeasured > 0
              ? `; ${evidence.releasesUnmeasured} could not be (no reasons mapped, or no call data around their window)`
              : ""}
            .
          </p>
        </Card>

        <Card title="What each rule's findings went with">
          <RuleEvidenceTable rules={evidence.rules} />
          {evidence.tooFew.length > 0 ? (
            <p className="mt-2 text-xs text-slate-600">
              Too rare (or too common) to weigh:{" "}
              {evidence.tooFew.map((r) => `${r.title} (${r.nWith} messages)`).join(", ")}.
            </p>
          ) : null}
        </Card>

        <Card title="Likely questions against the calls that came">
          <QuestionCoverage organizationId={organizationId} />
        </Card>

        <Card title="Proposed changes to the rules">
          {proposal.changes.length === 0 ? (
            <p className="text-sm text-slate-700" data-testid="no-proposal">
              The evidence proposes no change: no rule's effect clears the bar (its{" "}
              {figure(proposal.testLevel * 100)}% interval away from no effect, at least 20% either
              way, on at least 5 messages with it and 5 without, and not contradicted by holdout
              releases).
            </p>
          ) : (
            <div className="space-y-3">
              <ul className="list-disc space-y-1 pl-5 text-sm" aria-label="Proposed changes">
                {proposal.changes.map((c) => (
                  <li key={`${c.kind}-${c.ruleId}`}>{changeWords(c, evidence.rules)}</li>
                ))}
              </ul>
              <p className="text-xs text-slate-600">
                Worked out against{" "}
                {proposal.basedOn
                  ? `rule-set version ${proposal.basedOn.number}`
                  : "the product's default rules"}
                . Nothing changes until an admin adopts it; adopting makes a new rule-set version
                (Settings → Rules), which from then on scores drafts, gates submission and feeds the
                predictions.
              </p>
              {mayAdopt ? (
                <AdoptProposal
                  organizationId={organizationId}
                  change={proposal.ruleSet}
                  basedOn={proposal.basedOn?.number ?? 0}
                />
              ) : (
                <p className="text-sm text-slate-700" data-testid="adopt-admin-only">
                  Only an organisation admin adopts a change to the rules.
                </p>
              )}
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
