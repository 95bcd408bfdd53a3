import { can } from "@conductor/core";
import { mailStatusLabels } from "@conductor/core/labels";
import { Alert, Badge, type BadgeTone, Card, EmptyState, PageHeader } from "@conductor/ui";
import type { Metadata } from "next";
import { formatDateTime } from "~/components/format";
import { orPage, serverApi } from "~/server/api";
import { currentWorkspace } from "~/server/organization";
import { RetryMail } from "./retry-mail";

export const metadata: Metadata = { title: "Outgoing mail" };

const tones: Record<keyof typeof mailStatusLabels, BadgeTone> = {
  QUEUED: "info",
  SENT: "success",
  FAILED: "danger",
  NOT_CONFIGURED: "warning",
};

/** Admins: every mail Conductor made for the organisation, and why any was not sent. */
export default async function OutgoingMailPage() {
  const { actor, membership } = await currentWorkspace();
  const organizationId = membership.organizationId;
  if (!can(actor, "outgoingMail.read", { kind: "organization", organizationId }))
    return (
      <>
        <PageHeader title="Outgoing mail" />
        <Alert tone="info" title="Not allowed">
          Only an organisation admin can see outgoing mail.
        </Alert>
      </>
    );
  const { items, counts } = await orPage((await serverApi()).mail.outbox({ organizationId }));
  return (
    <>
      <PageHeader
        title="Outgoing mail"
        description={`What Conductor emailed for ${membership.organizationName}, newest first (the latest 100), and why anything was not sent.`}
      />
      <p className="mb-4 flex flex-wrap gap-2 text-sm">
        {(Object.keys(mailStatusLabels) as (keyof typeof mailStatusLabels)[]).map((status) => (
          <Badge key={status} tone={tones[status]}>
            {mailStatusLabels[status]}: {counts[status] ?? 0}
          </Badge>
        ))}
      </p>
      {items.length === 0 ? (
        <EmptyState title="No mail yet">
          Mail appears here when someone is notified of a review, a decision or a mention.
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {items.map((mail) => (
            <li key={mail.id}>
              <Card title={mail.subject}>
                <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
                  <Badge tone={tones[mail.status]}>{mailStatusLabels[mail.status]}</Badge>
                  <span>To {mail.recipient}</span>
                  <span>· made {formatDateTime(mail.createdAt)}</span>
                  {mail.sentAt ? <span>· sent {formatDateTime(mail.sentAt)}</span> : null}
                  <span>
                    · {mail.attempts} attempt{mail.attempts === 1 ? "" : "s"}
                  </span>
                </p>
                {mail.lastError ? (
                  <Alert
                    tone={mail.status === "FAILED" ? "error" : "info"}
                    title="Why it was not sent"
                  >
                    {mail.lastError}
                  </Alert>
                ) : null}
                {mail.status === "FAILED" ? (
                  <RetryMail organizationId={organizationId} mailId={mail.id} />
                ) : null}
                <details className="mt-2 text-sm">
                  <summary className="cursor-pointer text-indigo-800">What would be sent</summary>
                  <pre className="mt-2 whitespace-pre-wrap rounded bg-slate-50 p-3 text-xs">
                    {Object.entries(mail.headers)
                      .map(([name, value]) => `${name}: ${value}`)
                      .join("\n")}
                    {"\n\n"}
                    {mail.text}
                  </pre>
                </details>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
