import { PageHeader } from "@conductor/ui";
import type { Metadata } from "next";
import { PendingInvitations } from "~/app/invitations/pending-invitations";
import { currentWorkspace } from "~/server/organization";
import { NotificationsList } from "./notifications-list";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const { membership } = await currentWorkspace();
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Mentions, reviews waiting on you, and what happened to your messages in review."
      />
      <PendingInvitations />
      <NotificationsList organizationId={membership.organizationId} />
    </>
  );
}
