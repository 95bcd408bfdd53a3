import { channelLabels, statusLabels } from "@conductor/core/schemas";
import { Badge, Card, DetailList, PageHeader } from "@conductor/ui";
import { analyze } from "@conductor/rules";
import Link from "next/link";
import { ClarityPanel, HighlightedText } from "~/components/clarity/clarity-panel";
import { formatDate, formatDateTime, statusTones } from "~/components/format";
import { orPage, serverApi } from "~/server/api";

export default async function CommunicationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverApi();
  const communication = await orPage(api.communications.byId({ communicationId: id }));
  // The same rules the editor and the approval record use, on the stored text.
  const clarity = analyze(communication.body, { channel: communication.channel });
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href="/communications" className="text-indigo-800 hover:underline">
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
          <Badge tone={statusTones[communication.status]}>
            {statusLabels[communication.status]}
          </Badge>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_2fr]">
        <Card title="Details">
          <DetailList
            items={[
              { label: "Channel", value: channelLabels[communication.channel] },
              { label: "Planned send", value: formatDate(communication.plannedSendAt) },
              { label: "Owner", value: communication.owner.name },
              { label: "Created", value: formatDateTime(communication.createdAt) },
              { label: "Last change", value: formatDateTime(communication.updatedAt) },
            ]}
          />
          <div className="mt-5">
            <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">Audience</h3>
            <p className="mt-1 text-sm text-slate-900">{communication.audienceDescription}</p>
          </div>
        </Card>
        <Card title="Message">
          {communication.body ? (
            <p className="whitespace-pre-wrap text-[15px] leading-relaxed text-slate-900">
              <HighlightedText text={communication.body} findings={clarity.findings} />
            </p>
          ) : (
            <p className="text-sm text-slate-500">No text yet. Nothing is sent to the customer.</p>
          )}
        </Card>
        <div className="lg:col-start-2">
          <ClarityPanel result={clarity} />
        </div>
      </div>
    </>
  );
}
