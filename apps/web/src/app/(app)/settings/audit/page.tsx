import { can } from "@conductor/core";
import { Alert, PageHeader } from "@conductor/ui";
import type { Metadata } from "next";
import { currentWorkspace } from "~/server/organization";
import { VerifyTrail } from "./verify-trail";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage() {
  const { actor, membership } = await currentWorkspace();
  const organizationId = membership.organizationId;
  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change, submission, decision and release, append-only, each entry sealed with the hash of the one before it."
      />
      {can(actor, "audit.verify", { kind: "organization", organizationId }) ? (
        <VerifyTrail organizationId={organizationId} />
      ) : (
        <Alert tone="info" title="Not allowed">
          Only an admin or a comms manager can verify the audit trail.
        </Alert>
      )}
    </>
  );
}
