import { can } from "@conductor/core";
import { buttonClasses, PageHeader } from "@conductor/ui";
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { currentWorkspace } from "~/server/organization";
import { CommunicationList } from "./communication-list";

export const metadata: Metadata = { title: "Communications" };

export default async function CommunicationsPage() {
  const { actor, membership } = await currentWorkspace();
  const mayCreate = can(actor, "communication.create", {
    kind: "organization",
    organizationId: membership.organizationId,
  });
  return (
    <>
      <PageHeader
        title="Communications"
        description={`Customer messages in ${membership.organizationName}`}
        actions={
          mayCreate ? (
            <Link href="/communications/new" className={buttonClasses("primary")}>
              New communication
            </Link>
          ) : null
        }
      />
      <Suspense>
        <CommunicationList organizationId={membership.organizationId} />
      </Suspense>
    </>
  );
}
