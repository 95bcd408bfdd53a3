import type { AnalysisResult, Finding } from "@conductor/rules";
import { Badge, type BadgeTone, Card } from "@conductor/ui";
import { clsx } from "clsx";

const dimensionLabels: Record<string, string> = {
  readability: "Readability",
  plainLanguage: "Plain language",
  tone: "Tone",
  channel: "Channel",
  brief: "Brief",
};

const severityTone: Record<Finding["severity"], BadgeTone> = {
  error: "danger",
  warning: "warning",
  suggestion: "info",
};

const toneLabels = {
  "black-box": "Black box",
  transactional: "Transactional",
  "heart-centred": "Heart-centred",
} as const;

function scoreColour(score: number) {
  return score >= 80 ? "bg-emerald-600" : score >= 60 ? "bg-amber-500" : "bg-red-600";
}

/** The clarity result for a message: score, dimensions, findings and predicted calls. */
export function ClarityPanel({ result }: { result: AnalysisResult }) {
  return (
    <Card title="Clarity">
      <div className="flex items-baseline gap-3">
        <span className="text-4xl font-semibold tabular-nums">{Math.round(result.score)}</span>
        <span className="text-sm text-slate-500">/ 100</span>
        <span className="sr-only">clarity score</span>
        <Badge tone="accent">{toneLabels[result.tone.classification]}</Badge>
      </div>
      <dl className="mt-4 space-y-2">
        {Object.entries(result.dimensions).map(([name, dimension]) => (
          <div key={name} className="grid grid-cols-[7.5rem_1fr_2.5rem] items-center gap-2 text-sm">
            <dt className="text-slate-600">{dimensionLabels[name] ?? name}</dt>
            <dd className="h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden>
              <div
                className={clsx("h-full rounded-full", scoreColour(dimension!.score))}
                style={{ width: `${dimension!.score}%` }}
              />
            </dd>
            <dd className="text-right tabular-nums text-slate-700">
              {Math.round(dimension!.score)}
            </dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-xs text-slate-500">
        {result.metrics.words} words · reading grade{" "}
        {Number.isNaN(result.metrics.consensusGrade) ? "–" : result.metrics.consensusGrade}
        {result.sms ? ` · SMS ${result.sms.encoding}, ${result.sms.segments} segment(s)` : ""}
      </p>

      {result.callDrivers.length > 0 ? (
        <section className="mt-5">
          <h3 className="text-sm font-semibold text-slate-900">
            Customers will likely call to ask
          </h3>
          <ul className="mt-2 space-y-2">
            {result.callDrivers.map((driver) => (
              <li
                key={`${driver.question}-${driver.start}`}
                className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
              >
                <p className="font-medium">“{driver.question}”</p>
                <p className="text-amber-800">
                  {driver.because}. {driver.fix}.
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="mt-5">
        <h3 className="text-sm font-semibold text-slate-900">
          Findings ({result.findings.length})
        </h3>
        {result.findings.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">Nothing to fix.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100">
            {result.findings.map((finding) => (
              <li
                key={`${finding.ruleId}-${finding.start}-${finding.end}`}
                className="flex gap-2 py-2 text-sm"
              >
                <Badge tone={severityTone[finding.severity]}>{finding.severity}</Badge>
                <span className="text-slate-800">{finding.message}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="mt-4 text-xs text-slate-400">Rules {result.rulesVersion}</p>
    </Card>
  );
}

/**
 * The message text with each finding's span marked. Where spans overlap the
 * narrowest wins, so "was received" stays visible inside a sentence-wide
 * finding such as "no thanks".
 */
export function HighlightedText({ text, findings }: { text: string; findings: Finding[] }) {
  const accepted: Finding[] = [];
  const candidates = findings
    .filter((f) => !f.field && f.end > f.start && f.end - f.start < text.length)
    .sort((a, b) => a.end - a.start - (b.end - b.start));
  for (const f of candidates) {
    if (!accepted.some((m) => f.start < m.end && f.end > m.start)) accepted.push(f);
  }
  const marks = accepted.sort((a, b) => a.start - b.start);
  const parts: React.ReactNode[] = [];
  let cursor = 0;
  for (const f of marks) {
    if (f.start < cursor) continue;
    if (f.start > cursor) parts.push(text.slice(cursor, f.start));
    parts.push(
      <mark
        key={`${f.ruleId}-${f.start}`}
        title={f.message}
        className={clsx(
          "rounded-sm px-0.5 text-inherit",
          f.severity === "error"
            ? "bg-red-100 underline decoration-red-500"
            : f.severity === "warning"
              ? "bg-amber-100"
              : "bg-sky-100",
        )}
      >
        {text.slice(f.start, f.end)}
      </mark>,
    );
    cursor = f.end;
  }
  parts.push(text.slice(cursor));
  return <>{parts}</>;
}
