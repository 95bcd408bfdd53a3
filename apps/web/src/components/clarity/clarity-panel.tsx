"use client";
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

/** What each tone class means, in the words of the rules' T.A.R.A. tone check. */
const toneHints = {
  "black-box": "No text to judge the tone of yet.",
  transactional:
    "States the facts. Thanking the customer and inviting them to talk, without blame, makes it heart-centred.",
  "heart-centred": "Thanks the customer and invites them to talk, without blame.",
} as const;

function scoreColour(score: number) {
  return score >= 80 ? "bg-emerald-600" : score >= 60 ? "bg-amber-500" : "bg-red-600";
}

export interface ClarityActions {
  /** Jump to (select) the finding's text in the editor. */
  onSelect?(finding: Finding): void;
  /** Replace the finding's text with a suggestion; absent when the reader cannot edit. */
  onApply?(finding: Finding, suggestion: string): void;
  activeKey?: string | null;
}

const keyOf = (f: Finding) => `${f.ruleId}:${f.start}:${f.end}`;

/** The clarity result for a message: score, dimensions, findings by dimension, predicted calls. */
export function ClarityPanel({
  result,
  onSelect,
  onApply,
  activeKey,
}: { result: AnalysisResult } & ClarityActions) {
  const byDimension = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = byDimension.get(finding.dimension) ?? [];
    list.push(finding);
    byDimension.set(finding.dimension, list);
  }
  return (
    <Card title="Clarity">
      {result.metrics.words === 0 ? (
        // An empty message has nothing to score: say so rather than show 0 and a tone.
        <p className="text-sm text-slate-600">
          No text yet. The clarity score, out of 100, appears as soon as the message has words.
        </p>
      ) : (
        <div className="flex flex-wrap items-baseline gap-3">
          <span className="text-4xl font-semibold tabular-nums">{Math.round(result.score)}</span>
          <span className="text-sm text-slate-600">/ 100</span>
          <span className="sr-only">clarity score</span>
          <Badge tone="accent">
            <span title={toneHints[result.tone.classification]}>
              Tone: {toneLabels[result.tone.classification]}
            </span>
          </Badge>
          <span className="basis-full text-xs text-slate-600">
            {toneHints[result.tone.classification]}
          </span>
        </div>
      )}
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
          <div className="mt-2 space-y-4">
            {[...byDimension.entries()].map(([dimension, findings]) => (
              <div key={dimension}>
                <h4 className="text-xs font-medium uppercase tracking-wide text-slate-500">
                  {dimensionLabels[dimension] ?? dimension} ({findings.length})
                </h4>
                <ul className="mt-1 divide-y divide-slate-100">
                  {findings.map((finding) => (
                    <li
                      key={keyOf(finding)}
                      className={clsx(
                        "py-2 text-sm",
                        activeKey === keyOf(finding) && "rounded bg-sky-50",
                      )}
                    >
                      <div className="flex gap-2">
                        <span className="shrink-0">
                          <Badge tone={severityTone[finding.severity]}>{finding.severity}</Badge>
                        </span>
                        {onSelect && !finding.field ? (
                          <button
                            type="button"
                            className="text-left text-slate-800 hover:underline"
                            onClick={() => onSelect(finding)}
                          >
                            {finding.message}
                          </button>
                        ) : (
                          <span className="text-slate-800">{finding.message}</span>
                        )}
                      </div>
                      {onApply && !finding.field && finding.suggestions.length > 0 ? (
                        <div className="mt-1 flex flex-wrap gap-1 pl-1">
                          {finding.suggestions.slice(0, 3).map((suggestion) => (
                            <button
                              key={suggestion}
                              type="button"
                              className="rounded border border-emerald-200 bg-emerald-50 px-2 py-0.5 text-xs text-emerald-900 hover:bg-emerald-100"
                              onClick={() => onApply(finding, suggestion)}
                              title={`Replace “${finding.actual}” with “${suggestion}”`}
                            >
                              Use “{suggestion}”
                            </button>
                          ))}
                        </div>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        )}
      </section>
      <p className="mt-4 text-xs text-slate-600">Rules {result.rulesVersion}</p>
    </Card>
  );
}
