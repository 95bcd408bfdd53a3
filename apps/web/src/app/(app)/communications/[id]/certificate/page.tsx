import { briefContentSchema, channelLabels, functionLabels } from "@conductor/core/schemas";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "~/components/format";
import { orPage, serverApi } from "~/server/api";
import { PrintButton } from "./print-button";

export const metadata: Metadata = { title: "Approval certificate" };

const decisionWords = {
  APPROVE: "Approved",
  APPROVE_WITH_COMMENTS: "Approved with comments",
  REQUEST_CHANGES: "Requested changes",
  REJECT: "Rejected",
} as const;

interface StoredAnalysis {
  score: number;
  findings: { ruleId: string; start: number; severity: string; message: string; actual: string }[];
}

/**
 * What was approved, provably: the exact text and its hash, the brief it was
 * written toward, the score and findings at submission, and every decision
 * that counted — who, for which function, when. Printable.
 */
export default async function CertificatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverApi();
  const communication = await orPage(api.communications.byId({ communicationId: id }));
  const { review } = await orPage(api.reviews.current({ communicationId: id }));
  if (!review || (review.status !== "APPROVED" && review.status !== "RELEASED")) notFound();
  const version = await orPage(
    api.versions.content({ communicationId: id, versionId: review.versionId }),
  );
  const history = await orPage(api.briefs.history({ communicationId: id }));
  const revision = history.find((r) => r.id === review.briefRevisionId);
  const brief = revision ? briefContentSchema.parse(revision.content) : null;
  const analysis = review.analysis as unknown as StoredAnalysis;
  const counted = review.decisions.filter(
    (d) => d.supersededAt === null && d.versionHash === review.versionHash,
  );
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
            {channelLabels[communication.channel]} · version {version.number} ({version.name}) ·{" "}
            {review.status === "RELEASED" ? "released" : "approved, not yet released"}
          </p>
        </div>
        <div className="flex gap-2 print:hidden">
          <Link href={`/communications/${id}`} className="text-indigo-800 underline">
            Back
          </Link>
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
          SHA-256 of the content and brief: <code>{review.versionHash}</code>
        </p>
      </section>

      <section aria-label="Brief at approval">
        <h2 className="mb-1 font-semibold text-slate-900">Brief in force</h2>
        {brief ? (
          <ul className="list-disc pl-5 text-slate-800">
            <li>Outcome: {brief.desiredOutcome || "not set"}</li>
            <li>Action: {brief.action || "none"}</li>
            <li>
              Tone: {brief.tone.style} (warmth {brief.tone.warmth}, formality {brief.tone.formality}
              , urgency {brief.tone.urgency})
            </li>
            {brief.mustSay.map((fact) => (
              <li key={fact.text}>
                Must say “{fact.text}” ({functionLabels[fact.owner]})
              </li>
            ))}
            <li className="text-xs text-slate-500">
              Revision {revision!.number} by {revision!.author.name},{" "}
              {formatDateTime(revision!.createdAt)}
            </li>
          </ul>
        ) : (
          <p className="text-slate-600">No brief was in force.</p>
        )}
      </section>

      <section aria-label="Score at submission">
        <h2 className="mb-1 font-semibold text-slate-900">
          Clarity score {analysis.score} · rules {review.rulesVersion}
        </h2>
        {review.overrideReason ? (
          <p className="text-amber-800">Submitted with an override: {review.overrideReason}</p>
        ) : null}
        <ul className="list-disc pl-5 text-xs text-slate-700">
          {analysis.findings.map((f) => (
            <li key={`${f.ruleId}@${f.start}`}>
              [{f.severity}] {f.message}
            </li>
          ))}
          {analysis.findings.length === 0 ? <li>No findings.</li> : null}
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
            {counted.map((d) => (
              <tr key={d.id} className="border-t border-slate-100">
                <td className="py-1">{review.stages[d.stage]?.name}</td>
                <td>{functionLabels[d.function]}</td>
                <td>{d.reviewer.name}</td>
                <td>
                  {decisionWords[d.kind]}
                  {d.comment ? ` — “${d.comment}”` : ""}
                </td>
                <td>{formatDateTime(d.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {review.release ? (
        <section aria-label="Release">
          <h2 className="mb-1 font-semibold text-slate-900">Release</h2>
          <p className="text-slate-800">
            Released {formatDateTime(review.release.createdAt)} by {review.release.releasedByName}{" "}
            (comms manager) · {channelLabels[review.release.channel]} · send{" "}
            {review.release.sendDates.map((d) => formatDateTime(d)).join(", ")} ·{" "}
            {review.release.recipients.toLocaleString("en")} recipients
            {review.release.campaignId ? ` · campaign ${review.release.campaignId}` : ""}
          </p>
        </section>
      ) : null}
    </article>
  );
}
