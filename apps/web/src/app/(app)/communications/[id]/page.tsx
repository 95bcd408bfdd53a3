import { can, membershipIn } from "@conductor/core";
import { channelLabels, functionLabels, roleLabels, statusLabels } from "@conductor/core/labels";
import type { Channel } from "@conductor/editor";
import { Badge, PageHeader } from "@conductor/ui";
import Link from "next/link";
import { CommunicationWorkspace } from "~/components/communication/communication-workspace";
import { colorFor } from "~/components/communication/presence";
import { formatDate } from "~/components/format";
import { webEnv } from "~/env";
import { orPage, requestContext, serverApi } from "~/server/api";

export default async function CommunicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverApi();
  const communication = await orPage(api.communications.byId({ communicationId: id }));
  const { actor } = await requestContext();
  const membership = membershipIn(actor, communication.organizationId)!;
  const settings = await api.reviewSettings.get({ organizationId: communication.organizationId });
  // While a review is open everyone but the owner suggests, and comms managers
  // too unless the organisation lets them edit (the collab server checks again).
  const mayEditInReview =
    communication.ownerId === actor!.userId ||
    (settings.commsManagersEditDuringReview && membership.roles.includes("COMMS_MANAGER"));
  // Presence names people by their function (Legal, Compliance…), else their role.
  const label =
    membership.functions.map((f) => functionLabels[f]).join(", ") ||
    membership.roles.map((r) => roleLabels[r]).join(", ") ||
    "Member";
  const { collab } = webEnv();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href="/communications" className="text-indigo-800 underline">
          Communications
        </Link>
        <span className="mx-2 text-slate-400" aria-hidden>
          /
        </span>
        <span className="text-slate-600">{communication.title}</span>
      </nav>
      <PageHeader
        title={communication.title}
        description={
          <span className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <Badge tone="neutral">{statusLabels[communication.status]}</Badge>
            <span>{channelLabels[communication.channel]}</span>
            <span aria-hidden>·</span>
            <span>Owner {communication.owner.name}</span>
            <span aria-hidden>·</span>
            <span>
              {communication.plannedSendAt
                ? `Planned send ${formatDate(communication.plannedSendAt)}`
                : "No send date planned"}
            </span>
            <span aria-hidden>·</span>
            <span>{communication.audienceDescription}</span>
          </span>
        }
      />
      <CommunicationWorkspace
        communicationId={communication.id}
        channel={communication.channel as Channel}
        organizationId={communication.organizationId}
        organizationName={membership.organizationName}
        canEditBrief={can(actor, "brief.update", { kind: "communication", ...communication })}
        canDecideSuggestions={can(actor, "communication.update", {
          kind: "communication",
          ...communication,
        })}
        mustSuggest={communication.status === "IN_REVIEW" && !mayEditInReview}
        myFunction={membership.functions[0] ?? null}
        me={{ userId: actor!.userId, name: actor!.name, label, color: colorFor(actor!.userId) }}
        collab={{ publicUrl: collab.publicUrl, port: collab.port }}
      />
    </>
  );
}
