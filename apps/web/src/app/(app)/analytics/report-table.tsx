"use client";
import type { RouterOutputs } from "@conductor/api";
import { channelLabels } from "@conductor/core/labels";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { PredictedAgainstMeasured } from "~/components/calls/predicted-against-measured";
import { ReasonMapping } from "~/components/calls/reason-mapping";
import { formatDate } from "~/components/format";
import { HoldoutPanel } from "./holdout-panel";
import { LagChart } from "./lag-chart";

type ReleaseReport = RouterOutputs["calls"]["dashboard"]["analysis"]["releases"][number];

type Row = ReleaseReport & { suppressed?: boolean };
type SortKey = "title" | "sent" | "score" | "recipients" | "excess" | "rate";

const evidenceWords = {
  holdout: "holdout group",
  directional: "directional",
  "insufficient-data": "not enough call data",
  "no-reasons": "no reason codes mapped",
} as const;

const number = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "1–10";
const interval = (i: { estimate: number; low: number; high: number } | null, digits = 0) =>
  i ? `${number(i.estimate, digits)} (${number(i.low, digits)} to ${number(i.high, digits)})` : "—";

const sortValue: Record<SortKey, (r: Row) => number | string> = {
  title: (r) => r.communication.title,
  sent: (r) => new Date(r.sendDates[0] ?? r.releasedAt).getTime(),
  score: (r) => r.score,
  recipients: (r) => r.recipients,
  excess: (r) => r.excess?.estimate ?? Number.NEGATIVE_INFINITY,
  rate: (r) => r.contactRate?.estimate ?? Number.NEGATIVE_INFINITY,
};

/** One row per release — its report card opens below it — sortable by any column. */
export function ReportTable(props: {
  releases: Row[];
  /** The taxonomy, for saying which reasons a message may drive (null: may not change it). */
  reasons: { code: string; label: string }[] | null;
  /** The organisation whose evidence gives each card its prediction (null: the reader may not see it). */
  predictionsFor: string | null;
}) {
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: "rate",
    descending: true,
  });
  const [open, setOpen] = useState<string | null>(null);
  const rows = [...props.releases].sort((a, b) => {
    const [x, y] = [sortValue[sort.key](a), sortValue[sort.key](b)];
    const order = x < y ? -1 : x > y ? 1 : 0;
    return sort.descending ? -order : order;
  });
  if (rows.length === 0)
    return <p className="text-sm text-slate-600">No message has been released yet.</p>;
  const header = (key: SortKey, label: string) => (
    <th
      aria-sort={sort.key === key ? (sort.descending ? "descending" : "ascending") : "none"}
      className="py-1 pr-2 font-medium"
    >
      <button
        type="button"
        className="underline decoration-dotted"
        onClick={() =>
          setSort({ key, descending: sort.key === key ? !sort.descending : key !== "title" })
        }
      >
        {label}
        {sort.key === key ? (sort.descending ? " ↓" : " ↑") : ""}
      </button>
    </th>
  );
  return (
    // A phone scrolls the table, not the page.
    <div className="-mx-1 overflow-x-auto px-1">
      <table className="w-full min-w-[34rem] text-left text-xs" aria-label="Released messages">
        <thead className="text-slate-600">
          <tr>
            {header("title", "Message")}
            {header("sent", "First send")}
            {header("score", "Score")}
            {header("recipients", "Recipients")}
            {header("excess", "Excess calls (95%)")}
            {header("rate", "Per 1,000 recipients")}
            <th className="py-1 font-medium">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <ReportRow
              key={r.releaseId}
              row={r}
              open={open === r.releaseId}
              onToggle={() => setOpen(open === r.releaseId ? null : r.releaseId)}
              reasons={props.reasons}
              predictionsFor={props.predictionsFor}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReportRow(props: {
  row: Row;
  open: boolean;
  onToggle(): void;
  reasons: { code: string; label: string }[] | null;
  predictionsFor: string | null;
}) {
  const r = props.row;
  const router = useRouter();
  return (
    <>
      <tr className="border-t border-slate-100 align-top" data-release={r.releaseId}>
        <td className="py-1 pr-2">
          <button
            type="button"
            className="text-left text-indigo-800 underline"
            onClick={props.onToggle}
          >
            {r.communication.title}
          </button>
          <div className="text-slate-500">{channelLabels[r.communication.channel]}</div>
        </td>
        <td className="pr-2">{formatDate(r.sendDates[0] ?? r.releasedAt)}</td>
        <td className="pr-2">{number(r.score)}</td>
        <td className="pr-2">{number(r.recipients)}</td>
        <td className="pr-2" data-excess>
          {r.suppressed ? "1–10 calls: hidden" : interval(r.excess)}
        </td>
        <td className="pr-2">{interval(r.contactRate, 2)}</td>
        <td>{evidenceWords[r.evidence]}</td>
      </tr>
      {props.open ? (
        <tr>
          <td colSpan={7} className="bg-slate-50 p-3">
            <section aria-label={`Report card: ${r.communication.title}`} className="space-y-2">
              <p>
                Reasons: {r.reasons.length ? r.reasons.join(", ") : "none mapped"} · window{" "}
                {r.windowDays} days from each send ·{" "}
                {[
                  r.daysInWindow > 0 || r.weeksInWindow === 0
                    ? `${r.daysMeasured} of ${r.daysInWindow} window days measured`
                    : null,
                  r.weeksInWindow > 0
                    ? `${r.weeksMeasured} of ${r.weeksInWindow} window weeks measured (reasons counted by the week)`
                    : null,
                ]
                  .filter(Boolean)
                  .join(" · ")}{" "}
                · dispersion φ {r.dispersion.toFixed(2)}
              </p>
              {props.predictionsFor ? (
                <PredictedAgainstMeasured
                  organizationId={props.predictionsFor}
                  releaseId={r.releaseId}
                  measured={r.contactRate}
                />
              ) : null}
              <p>
                {r.evidence === "holdout" && r.directional
                  ? `Against its own baseline (directional): ${interval(r.directional)} excess calls. `
                  : ""}
                Observed {number(r.observed)} calls against {number(r.expected)} expected.
                {r.versusPredecessor
                  ? ` Against the previous release: ${r.versusPredecessor.ratio ? `rate ratio ${interval(r.versusPredecessor.ratio, 2)}` : "no ratio (one of them drove no measurable excess)"}.`
                  : ""}
              </p>
              <div className="flex flex-wrap gap-x-8 gap-y-4 [&>*]:min-w-40">
                <div>
                  <h4 className="font-medium">
                    Lag profile (excess over the baseline, by {r.lagUnit} after send)
                  </h4>
                  {r.lagProfile.length > 0 ? (
                    <LagChart unit={r.lagUnit} profile={r.lagProfile} />
                  ) : null}
                  <ul className="flex flex-wrap gap-x-3 text-xs text-slate-700">
                    {r.lagProfile.map((l) => (
                      <li key={l.lag}>
                        {r.lagUnit} {l.lag}: {number(l.excess)}
                      </li>
                    ))}
                  </ul>
                </div>
                {props.reasons ? (
                  <ReasonMapping
                    communicationId={r.communication.id}
                    mapped={r.reasons}
                    reasons={props.reasons}
                    onSaved={() => router.refresh()}
                  />
                ) : null}
                <HoldoutPanel
                  communicationId={r.communication.id}
                  releaseId={r.releaseId}
                  recipients={r.recipients}
                  holdout={r.holdout}
                  mayChange={props.reasons !== null}
                />
                <div>
                  <h4 className="font-medium">Top reasons</h4>
                  <ul>
                    {r.topReasons.slice(0, 5).map((t) => (
                      <li key={t.reason}>
                        {t.reason}: {number(t.excess)} excess
                      </li>
                    ))}
                  </ul>
                </div>
              </div>
            </section>
          </td>
        </tr>
      ) : null}
    </>
  );
}
