import { can } from "@conductor/core";
import { Alert, PageHeader } from "@conductor/ui";
import type { Metadata } from "next";
import { currentWorkspace } from "~/server/organization";
import { CreateCommunicationForm } from "./create-form";

export const metadata: Metadata = { title: "New communication" };

export default async function NewCommunicationPage() {
  const { actor, membership } = await currentWorkspace();
  const allowed = can(actor, "communication.create", {
    kind: "organization",
    organizationId: membership.organizationId,
  });
  return (
    <>
      <PageHeader
        title="New communication"
        description="Start with who it is for and how it reaches them."
      />
      {allowed ? (
        <CreateCommunicationForm organizationId={membership.organizationId} />
      ) : (
        <Alert tone="error" title="Not allowed">
          Only a comms manager can create communications.
        </Alert>
      )}
    </>
  );
}
