import { can } from "@conductor/core";
import { PageHeader } from "@conductor/ui";
import type { Metadata } from "next";
import { currentWorkspace } from "~/server/organization";
import { ReviewSettingsForm } from "./review-settings-form";

export const metadata: Metadata = { title: "Review set-up" };

export default async function ReviewSettingsPage() {
  const { actor, membership } = await currentWorkspace();
  const organizationId = membership.organizationId;
  return (
    <>
      <PageHeader
        title="Review set-up"
        description="The stages every submission goes through (the release by a comms manager always follows), the minimum score, and the reasons a reviewer can give."
      />
      <ReviewSettingsForm
        organizationId={organizationId}
        canManage={can(actor, "reviewSettings.manage", { kind: "organization", organizationId })}
      />
    </>
  );
}
