import { can } from "@conductor/core";
import { Alert, PageHeader } from "@conductor/ui";
import type { Metadata } from "next";
import { currentWorkspace } from "~/server/organization";
import { Webhooks } from "./webhooks";

export const metadata: Metadata = { title: "Webhooks" };

/** Admins: where Conductor posts review events (a Slack or Teams workflow, say), and how each delivery went. */
export default async function WebhooksPage() {
  const { actor, membership } = await currentWorkspace();
  const organizationId = membership.organizationId;
  if (!can(actor, "webhook.manage", { kind: "organization", organizationId }))
    return (
      <>
        <PageHeader title="Webhooks" />
        <Alert tone="info" title="Not allowed">
          Only an organisation admin can manage webhooks.
        </Alert>
      </>
    );
  return (
    <>
      <PageHeader
        title="Webhooks"
        description={`Conductor posts ${membership.organizationName}'s review events as signed JSON to these addresses, retrying for about two hours when a receiver is down.`}
      />
      <Webhooks organizationId={organizationId} />
    </>
  );
}
