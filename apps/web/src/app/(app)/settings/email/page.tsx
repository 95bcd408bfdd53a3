import { PageHeader } from "@conductor/ui";
import type { Metadata } from "next";
import { currentWorkspace } from "~/server/organization";
import { EmailPreferences } from "./email-preferences";

export const metadata: Metadata = { title: "Email" };

export default async function EmailSettingsPage() {
  const { membership } = await currentWorkspace();
  return (
    <>
      <PageHeader
        title="Email"
        description={`How ${membership.organizationName} emails you about each kind of notification. In-app notifications always stay on.`}
      />
      <EmailPreferences organizationId={membership.organizationId} />
    </>
  );
}
