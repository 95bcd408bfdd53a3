import { can } from "@conductor/core";
import { PageHeader } from "@conductor/ui";
import type { Metadata } from "next";
import { currentWorkspace } from "~/server/organization";
import { TemplateLibrary } from "./template-library";

export const metadata: Metadata = { title: "Brief templates" };

export default async function BriefTemplatesPage() {
  const { actor, membership } = await currentWorkspace();
  const organizationId = membership.organizationId;
  return (
    <>
      <PageHeader
        title="Brief templates"
        description="Where a new communication's brief starts: the outcome, tone, must-say facts and questions this kind of message usually needs."
      />
      <TemplateLibrary
        organizationId={organizationId}
        canManage={can(actor, "briefTemplate.manage", { kind: "organization", organizationId })}
      />
    </>
  );
}
