import { channelLabels, decisionWords, functionLabels } from "@conductor/core/labels";
import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "~/components/format";
import { AcceptedChange } from "~/components/review/accepted-change";
import { orPage, serverApi } from "~/server/api";
import { PrintButton } from "./print-button";

export const metadata: Metadata = { title: "Approval certificate" };

/**
 * What was approved, provably: the exact text and its hash, the brief it was
 * written toward, the score and findings at submission, and every decision
 * that counted — who, for which function, when. Printable, and as a PDF.
 */
export default async function CertificatePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ reviewId?: string }>;
}) {
  const { id } = await params;
  const { reviewId } = await searchParams;
  const api = await serverApi();
  const certificate = await orPage(api.reviews.certificate({ communicationId: id, reviewId }));
  const { communication, version, brief, release } = certificate;
  const download = (format: string) =>
    `/api/communications/${id}/certificate?format=${format}&reviewId=${certificate.reviewId}`;
  return (
    <article
      aria-label="Approval certificate"
      className="mx-auto max-w-3xl space-y-6 bg-white p-8 text-sm shadow-sm ring-1 ring-slate-200 print:shadow-none print:ring-0"
    >
      <header className="flex items-start justify-between gap-4">
        <div>
          <p className="text-xs uppercase tracking-wide text-slate-500">Approval certificate</p>
          <h1 className="text-2xl font-semibold text-slate-900">{communication.title}</h1>
          <p className="text-slate-600">
            {communication.organizationName} · {channelLabels[communication.channel]} · version{" "}
            {version.number} ({version.name}) ·{" "}
            {certificate.status === "RELEASED" ? "released" : "approved, not yet released"}
            {certificate.templateName ? ` · ${certificate.templateName}` : ""}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-3 whitespace-nowrap print:hidden">
          <Link href={`/communications/${id}`} className="text-indigo-800 underline">
            Back
          </Link>
          <a href={download("pdf")} className="text-indigo-800 underline">
            Download PDF
          </a>
          <a href={download("json")} className="text-indigo-800 underline">
            JSON
          </a>
          <PrintButton />
        </div>
      </header>

      <section aria-label="Approved text">
        <h2 className="mb-1 font-semibold text-slate-900">Approved text</h2>
        {version.subject ? <p className="text-slate-700">Subject: {version.subject}</p> : null}
        {version.preheader ? (
          <p className="text-slate-700">Preheader: {version.preheader}</p>
        ) : null}
        <pre className="whitespace-pre-wrap rounded-md bg-slate-50 p-3 font-sans text-slate-900">
          {version.text}
        </pre>
        <p className="mt-1 break-all text-xs text-slate-600">
          SHA-256 of the content and brief: <code>{version.hash}</code>
        </p>
      </section>

      <section aria-label="Brief at approval">
        <h2 className="mb-1 font-semibold text-slate-900">Brief in force</h2>
        {brief ? (
          <ul className="list-disc pl-5 text-slate-800">
            <li>Outcome: {brief.content.desiredOutcome || "not set"}</li>
            <li>Action: {brief.content.action || "none"}</li>
            <li>
              Tone: {brief.content.tone.style} (warmth {brief.content.tone.warmth}, formality{" "}
              {brief.content.tone.formality}, urgency {brief.content.tone.urgency})
            </li>
            {brief.content.mustSay.map((fact) => (
              <li key={fact.text}>
                Must say “{fact.text}” ({functionLabels[fact.owner]})
              </li>
            ))}
            <li className="text-xs text-slate-500">
              Revision {brief.revision} by {brief.authorName}, {formatDateTime(brief.createdAt)}
            </li>
          </ul>
        ) : (
          <p className="text-slate-600">No brief was in force.</p>
        )}
      </section>

      <section aria-label="Score at submission">
        <h2 className="mb-1 font-semibold text-slate-900">
          Clarity score {certificate.score} · rules {certificate.rulesVersion}
        </h2>
        {certificate.overrideReason ? (
          <p className="text-amber-800">Submitted with an override: {certificate.overrideReason}</p>
        ) : null}
        <ul className="list-disc pl-5 text-xs text-slate-700">
          {certificate.findings.map((f) => (
            <li key={`${f.ruleId}@${f.start}`}>
              [{f.severity}] {f.message}
            </li>
          ))}
          {certificate.findings.length === 0 ? <li>No findings.</li> : null}
        </ul>
      </section>

      <section aria-label="Decisions">
        <h2 className="mb-1 font-semibold text-slate-900">Decisions on this version</h2>
        <table className="w-full text-left text-xs">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1">Stage</th>
              <th>Function</th>
              <th>Reviewer</th>
              <th>Decision</th>
              <th>When</th>
            </tr>
          </thead>
          <tbody>
            {certificate.decisions.map((d) => (
              <tr key={`${d.function}-${d.at.toISOString()}`} className="border-t border-slate-100">
                <td className="py-1">{d.stageName}</td>
                <td>{functionLabels[d.function]}</td>
                <td>{d.reviewerName}</td>
                <td>
                  {decisionWords[d.kind]}
                  {d.withChanges ? " (with changes)" : ""}
                  {d.comment ? ` — “${d.comment}”` : ""}
                </td>
                <td>{formatDateTime(d.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {certificate.acceptedSuggestions.length > 0 ? (
        <section aria-label="Accepted suggestions">
          <h2 className="mb-1 font-semibold text-slate-900">Accepted suggestions</h2>
          <table className="w-full text-left text-xs">
            <thead className="text-slate-500">
              <tr>
                <th className="py-1">Change</th>
                <th>Proposed by</th>
                <th>Accepted by</th>
                <th>Audit entry</th>
              </tr>
            </thead>
            <tbody>
              {certificate.acceptedSuggestions.map((s) => (
                <tr
                  key={`${s.auditSequence}-${s.suggestionId}`}
                  className="border-t border-slate-100"
                >
                  <td className="py-1">
                    <AcceptedChange {...s} />
                  </td>
                  <td>
                    {s.authorName}
                    {s.authorFunction
                      ? ` (${functionLabels[s.authorFunction as keyof typeof functionLabels] ?? s.authorFunction})`
                      : ""}
                  </td>
                  <td>
                    {s.acceptedByName}, {formatDateTime(s.acceptedAt)}
                  </td>
                  <td className="font-mono">#{s.auditSequence}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {release ? (
        <section aria-label="Release">
          <h2 className="mb-1 font-semibold text-slate-900">Release</h2>
          <p className="text-slate-800">
            Released {formatDateTime(release.at)} by {release.releasedBy} ·{" "}
            {channelLabels[release.channel]} · send{" "}
            {release.sendDates.map((d) => formatDateTime(d)).join(", ")} ·{" "}
            {release.recipients.toLocaleString("en")} recipients
            {release.campaignId ? ` · campaign ${release.campaignId}` : ""}
          </p>
        </section>
      ) : null}

      <section aria-label="Audit trail entries">
        <h2 className="mb-1 font-semibold text-slate-900">Audit trail entries</h2>
        <p className="text-xs text-slate-600">
          Each entry's hash covers the one before it; the organisation's trail check confirms them.
        </p>
        <ul className="mt-1 space-y-0.5 font-mono text-[11px] text-slate-700">
          {certificate.auditEntries.map((entry) => (
            <li key={entry.sequence} className="break-all">
              #{entry.sequence} {entry.kind} {formatDateTime(entry.at)} {entry.hash}
            </li>
          ))}
        </ul>
        {certificate.auditHead ? (
          <p className="mt-2 break-all font-mono text-[11px] text-slate-700">
            Trail head when issued: #{certificate.auditHead.sequence} {certificate.auditHead.hash}
          </p>
        ) : null}
      </section>
    </article>
  );
}
