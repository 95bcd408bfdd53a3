import { can } from "@conductor/core";
import { PageHeader } from "@conductor/ui";
import type { Metadata } from "next";
import Link from "next/link";
import { currentWorkspace } from "~/server/organization";
import { CallImporter } from "./call-importer";
import { ReasonTaxonomy } from "./reason-taxonomy";

export const metadata: Metadata = { title: "Import call volume" };

export default async function ImportCallVolumePage() {
  const { actor, membership } = await currentWorkspace();
  const organizationId = membership.organizationId;
  const scope = { kind: "organization", organizationId } as const;
  const canManage = can(actor, "calls.manage", scope);
  return (
    <>
      <PageHeader
        title="Import call volume"
        description="Aggregate call counts from the contact centre: a date, a reason code and a number — never people."
      />
      <p className="mb-4 text-sm">
        <Link href="/analytics" className="text-indigo-800 underline">
          Back to analytics
        </Link>
      </p>
      <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
        {canManage ? (
          <CallImporter organizationId={organizationId} />
        ) : (
          <p className="text-sm text-slate-600">Only analysts and admins import call volume.</p>
        )}
        <ReasonTaxonomy
          organizationId={organizationId}
          canManage={canManage}
          canSetCost={can(actor, "calls.setCost", scope)}
        />
      </div>
    </>
  );
}
