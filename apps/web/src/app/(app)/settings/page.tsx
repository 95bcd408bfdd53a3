import { can } from "@conductor/core";
import { functionLabels, roleLabels } from "@conductor/core/labels";
import { Alert, Badge, Card, PageHeader } from "@conductor/ui";
import type { Metadata } from "next";
import Link from "next/link";
import { orPage, serverApi } from "~/server/api";
import { currentWorkspace } from "~/server/organization";
import { MembersAdmin } from "./members-admin";
import { ReleaseTokens } from "./release-tokens";
import { YourSignIns } from "./your-sign-ins";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const { actor, membership } = await currentWorkspace();
  const organizationId = membership.organizationId;
  const isAdmin = can(actor, "member.manage", { kind: "organization", organizationId });
  const members = await orPage((await serverApi()).members.list({ organizationId }));
  return (
    <>
      <PageHeader
        title="Settings"
        description={`${membership.organizationName}: members, their functions and roles.`}
        actions={
          <span className="flex gap-4 text-sm">
            <Link href="/settings/review" className="text-indigo-800 underline">
              Review set-up
            </Link>
            <Link href="/settings/rules" className="text-indigo-800 underline">
              Clarity rules
            </Link>
            <Link href="/settings/audit" className="text-indigo-800 underline">
              Audit trail
            </Link>
            <Link href="/settings/email" className="text-indigo-800 underline">
              Email
            </Link>
            {isAdmin ? (
              <>
                <Link href="/settings/outgoing-mail" className="text-indigo-800 underline">
                  Outgoing mail
                </Link>
                <Link href="/settings/webhooks" className="text-indigo-800 underline">
                  Webhooks
                </Link>
              </>
            ) : null}
          </span>
        }
      />
      {isAdmin ? (
        <div className="space-y-6">
          <MembersAdmin
            organizationId={organizationId}
            initialMembers={members}
            currentUserId={actor.userId}
          />
          <ReleaseTokens organizationId={organizationId} />
          <YourSignIns />
        </div>
      ) : (
        <div className="space-y-6">
          <Alert tone="info" title="Not allowed to change members">
            Only an organisation admin can add members or change their functions and roles.
          </Alert>
          <Card title={`Members (${members.length})`}>
            <ul className="divide-y divide-slate-100">
              {members.map((m) => (
                <li
                  key={m.membershipId}
                  className="flex flex-wrap items-center gap-2 py-2.5 text-sm"
                >
                  <span className="font-medium">{m.name}</span>
                  <span className="text-slate-500">{m.email}</span>
                  <span className="ml-auto flex flex-wrap gap-1">
                    {m.functions.map((f) => (
                      <Badge key={f}>{functionLabels[f as keyof typeof functionLabels]}</Badge>
                    ))}
                    {m.roles.map((r) => (
                      <Badge key={r} tone="accent">
                        {roleLabels[r]}
                      </Badge>
                    ))}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
          <YourSignIns />
        </div>
      )}
    </>
  );
}
