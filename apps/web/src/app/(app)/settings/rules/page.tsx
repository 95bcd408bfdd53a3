import { can } from "@conductor/core";
import { PageHeader } from "@conductor/ui";
import type { Metadata } from "next";
import { currentWorkspace } from "~/server/organization";
import { RuleSetForm } from "./rule-set-form";

export const metadata: Metadata = { title: "Clarity rules" };

export default async function RulesSettingsPage() {
  const { actor, membership } = await currentWorkspace();
  const organizationId = membership.organizationId;
  return (
    <>
      <PageHeader
        title="Clarity rules"
        description="The rule set every clarity score in the organisation uses: the live panel, submission and the review gate. Each adopted change is a new version; scores frozen before it keep the rules they were scored with."
      />
      <RuleSetForm
        organizationId={organizationId}
        canAdopt={can(actor, "ruleSet.adopt", { kind: "organization", organizationId })}
      />
    </>
  );
}
