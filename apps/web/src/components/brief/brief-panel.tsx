"use client";
import { functionLabels } from "@conductor/core/labels";
import { type BriefContent, briefParts } from "@conductor/core/schemas";
import { type AnalysisResult, defaultThresholds, type ToneDimension } from "@conductor/rules";
import { Button } from "@conductor/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { clsx } from "clsx";
import { useState } from "react";
import { CommentBox, ThreadList } from "~/components/comments/comments-panel";
import { formatDateTime } from "~/components/format";
import { useTRPC } from "~/trpc/react";
import { BriefForm } from "./brief-form";

type Light = "green" | "amber" | "red";
const lightClasses: Record<Light, string> = {
  green: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  amber: "bg-amber-50 text-amber-900 ring-amber-200",
  red: "bg-red-50 text-red-900 ring-red-200",
};
const lightWords: Record<Light, string> = { green: "OK", amber: "Check", red: "Missing" };

function Check(props: { light: Light; label: string; reason: string; onJump?: () => void }) {
  return (
    <li
      className={clsx("rounded-md px-3 py-2 text-sm ring-1", lightClasses[props.light])}
      data-check={props.label}
      data-light={props.light}
    >
      <span className="font-semibold">{lightWords[props.light]}</span> · {props.label}
      <span className="block text-xs opacity-90">{props.reason}</span>
      {props.onJump ? (
        <button type="button" className="text-xs underline" onClick={props.onJump}>
          Show in the text
        </button>
      ) : null}
    </li>
  );
}

const levelWords: Record<ToneDimension, [string, string]> = {
  warmth: ["cooler", "warmer"],
  formality: ["more casual", "more formal"],
  urgency: ["calmer", "more urgent"],
};

/** Why the tone is on or off target: style, then each level the brief sets. */
function toneReason(report: NonNullable<AnalysisResult["brief"]>, tone: AnalysisResult["tone"]) {
  const measured = `warmth ${tone.levels.warmth}, formality ${tone.levels.formality}, urgency ${tone.levels.urgency} of 5`;
  if (report.toneOnTarget) return `Reads as the brief asks (${tone.classification}; ${measured})`;
  const reasons = report.toneLevels
    .filter((l) => l.off)
    .map(
      (l) =>
        `${levelWords[l.dimension][l.actual > l.target ? 1 : 0]} than asked (${l.dimension} ${l.actual}, brief ${l.target})`,
    );
  return [`Reads as ${tone.classification}`, ...reasons].join("; ");
}

/** Green/amber/red for each thing the brief asks of the text, with the reason. */
function BriefCheck(props: {
  report: NonNullable<AnalysisResult["brief"]>;
  /** Must-say fact → the function that owns it. */
  owners: ReadonlyMap<string, string>;
  tone: AnalysisResult["tone"];
  onJump(at: { start: number; end: number }): void;
}) {
  const { report } = props;
  const cta = report.callToAction;
  return (
    <ul aria-label="Brief check" className="space-y-1.5">
      <Check
        light={report.outcomeStated ? "green" : "red"}
        label="Outcome stated"
        reason={
          report.outcomeStated
            ? "The text says what the brief wants the customer to know"
            : "The desired outcome is not said in the text"
        }
      />
      <Check
        light={
          cta === "present" || cta === "not-needed"
            ? "green"
            : cta === "no-action-missing"
              ? "amber"
              : "red"
        }
        label="Call to action"
        reason={
          cta === "present"
            ? "The customer is told what to do"
            : cta === "not-needed"
              ? "No action needed, and the text says so"
              : cta === "no-action-missing"
                ? 'No action is needed: say so ("You do not need to do anything")'
                : "Nothing tells the customer what to do"
        }
      />
      {report.mustSay.map((fact) => (
        <Check
          key={fact.fact}
          light={fact.present ? "green" : "red"}
          label={`Must say “${fact.fact}”`}
          reason={`${fact.present ? "In the text" : "Not found in the text"}${
            props.owners.get(fact.fact) ? ` · ${props.owners.get(fact.fact)} owns it` : ""
          }`}
          onJump={fact.at ? () => props.onJump(fact.at!) : undefined}
        />
      ))}
      {report.questions.map((q) => (
        <Check
          key={q.question}
          light={q.answered ? "green" : "amber"}
          label={`Answers “${q.question}”`}
          reason={q.answered ? "A sentence answers it" : "No sentence answers it: expect calls"}
          onJump={q.at ? () => props.onJump(q.at!) : undefined}
        />
      ))}
      {report.toneOnTarget !== null ? (
        <Check
          light={report.toneOnTarget ? "green" : "amber"}
          label="Tone on target"
          reason={toneReason(report, props.tone)}
        />
      ) : null}
      {report.gradeOnTarget !== null ? (
        <Check
          light={report.gradeOnTarget ? "green" : "amber"}
          label="Reading grade on target"
          reason={
            report.gradeOnTarget
              ? "At or below the target grade"
              : "Harder to read than the target grade"
          }
        />
      ) : null}
    </ul>
  );
}

/**
 * The conductor brief beside the editor: what the customer must reach, in
 * what tone, for whom — and, live, whether the text does it. The owner and
 * comms managers edit it; everyone else reads it (and comments on it).
 */
export function BriefPanel(props: {
  communicationId: string;
  organizationId: string;
  canEdit: boolean;
  report: AnalysisResult["brief"];
  tone: AnalysisResult["tone"] | null;
  channel: string;
  callDrivers: AnalysisResult["callDrivers"];
  onJump(at: { start: number; end: number }): void;
  /** Tells the other editors to refresh their threads. */
  announce(): void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const current = useQuery(
    trpc.briefs.current.queryOptions({ communicationId: props.communicationId }),
  );
  const personas = useQuery(
    trpc.personas.list.queryOptions({ organizationId: props.organizationId }),
  );
  const save = useMutation(
    trpc.briefs.update.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.briefs.current.queryKey() }),
    }),
  );
  const [editing, setEditing] = useState(false);
  if (!current.data) return <p className="text-sm text-slate-500">Loading the brief…</p>;
  const brief = current.data.brief;
  const persona = current.data.persona;

  return (
    <div className="space-y-4">
      {props.report && props.tone ? (
        <section>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">Brief check</h3>
          <BriefCheck
            report={props.report}
            tone={props.tone}
            owners={
              new Map(current.data.brief.mustSay.map((f) => [f.text, functionLabels[f.owner]]))
            }
            onJump={props.onJump}
          />
        </section>
      ) : null}
      {props.callDrivers.length > 0 ? (
        <section aria-label="Predicted call drivers">
          <h3 className="mb-1 text-sm font-semibold text-slate-900">
            Customers will likely call to ask
          </h3>
          <ul className="space-y-1">
            {props.callDrivers.map((d) => (
              <li
                key={`${d.question}-${d.start}`}
                className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
              >
                “{d.question}” — {d.because}. {d.fix}.
                {d.end > d.start ? (
                  <button
                    type="button"
                    className="ml-1 text-xs underline"
                    onClick={() => props.onJump({ start: d.start, end: d.end })}
                  >
                    Show the sentence
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {editing && props.canEdit ? (
        <BriefForm
          initial={brief}
          personas={personas.data ?? []}
          channel={props.channel}
          submitLabel="Save brief"
          error={save.error?.message ?? null}
          busy={save.isPending}
          onCancel={() => setEditing(false)}
          onSubmit={async (next) => {
            await save.mutateAsync({ communicationId: props.communicationId, brief: next });
            setEditing(false);
          }}
        />
      ) : (
        <section aria-label="Conductor brief" className="space-y-1 text-sm">
          <div className="flex items-center justify-between">
            <h3 className="font-semibold text-slate-900">Conductor brief</h3>
            {props.canEdit ? (
              <Button variant="secondary" onClick={() => setEditing(true)}>
                Edit brief
              </Button>
            ) : null}
          </div>
          <p>
            <span className="text-slate-500">Outcome:</span> {brief.desiredOutcome || "not set"}
          </p>
          <p>
            <span className="text-slate-500">Action:</span> {brief.action || "none"}
          </p>
          <p>
            <span className="text-slate-500">Tone:</span> {brief.tone.style} · warmth{" "}
            {brief.tone.warmth} · formality {brief.tone.formality} · urgency {brief.tone.urgency}
          </p>
          <p>
            <span className="text-slate-500">For:</span> {persona ? persona.name : "no persona"}
            {brief.journeyStage ? (
              <>
                {" "}
                · <span className="text-slate-500">stage</span> {brief.journeyStage}
              </>
            ) : null}
          </p>
          {brief.context ? (
            <p>
              <span className="text-slate-500">Context:</span> {brief.context}
            </p>
          ) : null}
          {brief.mustSay.length > 0 ? (
            <div>
              <span className="text-slate-500">Must say:</span>
              <ul className="ml-4 list-disc">
                {brief.mustSay.map((fact) => (
                  <li key={`${fact.text}|${fact.owner}`}>
                    “{fact.text}”{" "}
                    <span className="text-xs text-slate-500">
                      ({fact.kind}, owned by {functionLabels[fact.owner]})
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {brief.likelyQuestions.length > 0 ? (
            <div>
              <span className="text-slate-500">Likely questions:</span>
              <ul className="ml-4 list-disc">
                {brief.likelyQuestions.map((q) => (
                  <li key={q}>{q}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <p>
            <span className="text-slate-500">Reading grade target:</span>{" "}
            {brief.readingGradeTarget ??
              (persona
                ? `${persona.readingGrade} (from ${persona.name})`
                : `${defaultThresholds.targetGrade} (default)`)}
            {props.channel === "SMS" ? (
              <>
                {" "}
                · <span className="text-slate-500">most SMS segments</span>{" "}
                {brief.channelLimits.maxSmsSegments ??
                  `${defaultThresholds.maxSmsSegments} (default)`}
              </>
            ) : null}
          </p>
          {current.data.revision ? (
            <p className="text-xs text-slate-500">
              Revision {current.data.revision.number} by {current.data.revision.author.name} ·{" "}
              {formatDateTime(current.data.revision.createdAt)}
            </p>
          ) : (
            <p className="text-xs text-slate-500">No brief yet.</p>
          )}
          {current.data.revision && current.data.revision.number > 1 ? (
            <BriefHistory communicationId={props.communicationId} />
          ) : null}
        </section>
      )}
      <BriefComments communicationId={props.communicationId} announce={props.announce} />
    </div>
  );
}

const fieldLabels: Record<keyof BriefContent, string> = {
  desiredOutcome: "outcome",
  action: "action",
  tone: "tone",
  personaId: "persona",
  journeyStage: "journey stage",
  context: "context",
  mustSay: "must-say facts",
  likelyQuestions: "likely questions",
  readingGradeTarget: "reading grade",
  channelLimits: "channel limits",
};

/** What one revision changed from the one before it, by field. */
function changedFields(before: unknown, after: unknown): string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = (after ?? {}) as Record<string, unknown>;
  return (Object.keys(fieldLabels) as (keyof BriefContent)[])
    .filter((key) => JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null))
    .map((key) => fieldLabels[key]);
}

/** Every revision of the brief: who changed what, and when. */
function BriefHistory(props: { communicationId: string }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const history = useQuery(
    trpc.briefs.history.queryOptions({ communicationId: props.communicationId }, { enabled: open }),
  );
  const rows = history.data ?? [];
  return (
    <details
      className="text-xs text-slate-600"
      onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}
    >
      <summary className="cursor-pointer">Brief history</summary>
      <ol aria-label="Brief history" className="mt-1 space-y-0.5">
        {rows.map((row, i) => (
          <li key={row.id}>
            Revision {row.number} · {row.author.name} · {formatDateTime(row.createdAt)}
            {" — "}
            {i === rows.length - 1
              ? "first brief"
              : `changed ${changedFields(rows[i + 1]!.content, row.content).join(", ") || "nothing"}`}
          </li>
        ))}
      </ol>
    </details>
  );
}

/**
 * Comments on the brief: how someone who may not change it says what should
 * change, on a named part of it. Same threads, mentions and resolving as
 * comments on the text.
 */
function BriefComments(props: { communicationId: string; announce(): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const threads = useQuery(
    trpc.comments.list.queryOptions(
      { communicationId: props.communicationId },
      { refetchInterval: 30_000 },
    ),
  );
  const start = useMutation(trpc.comments.start.mutationOptions());
  const [part, setPart] = useState<(typeof briefParts)[number]>(briefParts[0]);
  const [showResolved, setShowResolved] = useState(false);
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.comments.list.queryKey() });
    props.announce();
  };
  const onBrief = (threads.data ?? []).filter((t) => t.subject === "BRIEF");
  const open = onBrief.filter((t) => !t.resolved);
  return (
    <section aria-label="Comments on the brief" className="border-t border-slate-200 pt-3">
      <div className="flex items-center justify-between">
        <h3 className="text-sm font-semibold text-slate-900">Comments on the brief</h3>
        <label className="flex items-center gap-1 text-xs text-slate-600">
          <input
            type="checkbox"
            checked={showResolved}
            onChange={(e) => setShowResolved(e.target.checked)}
          />
          Show resolved ({onBrief.length - open.length})
        </label>
      </div>
      {/* Label apart from the select: its option names ("Persona", "Tone"…) must not become the label. */}
      <label htmlFor="brief-comment-part" className="mt-2 block text-xs font-medium text-slate-700">
        About
      </label>
      <select
        id="brief-comment-part"
        value={part}
        onChange={(e) => setPart(e.target.value as typeof part)}
        className="mt-1 block w-full rounded-md border border-slate-300 px-1 py-1 text-sm"
      >
        {briefParts.map((p) => (
          <option key={p}>{p}</option>
        ))}
      </select>
      <CommentBox
        label="Comment on the brief"
        submitLabel="Comment"
        communicationId={props.communicationId}
        onSubmit={async (body) => {
          const posted = await start.mutateAsync({
            communicationId: props.communicationId,
            subject: "BRIEF",
            quote: part,
            body,
          });
          await refresh();
          return posted;
        }}
      />
      <ThreadList
        communicationId={props.communicationId}
        threads={showResolved ? onBrief : open}
        refresh={refresh}
      />
    </section>
  );
}
