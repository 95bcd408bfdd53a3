"use client";
import {
  type BriefContent,
  functionLabels,
  journeyStages,
  toneStyles,
} from "@conductor/core/schemas";
import type { AnalysisResult } from "@conductor/rules";
import { Button } from "@conductor/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { clsx } from "clsx";
import { useEffect, useState } from "react";
import { formatDateTime } from "~/components/format";
import { useTRPC } from "~/trpc/react";

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

/** Green/amber/red for each thing the brief asks of the text, with the reason. */
function BriefCheck(props: {
  report: NonNullable<AnalysisResult["brief"]>;
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
          reason={fact.present ? "In the text" : "Not found in the text"}
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
          reason={
            report.toneOnTarget
              ? "Reads as the brief asks"
              : "Reads differently from the brief's tone"
          }
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

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

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
  callDrivers: AnalysisResult["callDrivers"];
  onJump(at: { start: number; end: number }): void;
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
  const [draft, setDraft] = useState<BriefContent | null>(null);
  const [questions, setQuestions] = useState("");
  useEffect(() => {
    if (current.data && !editing) {
      setDraft(current.data.brief);
      setQuestions(current.data.brief.likelyQuestions.join("\n"));
    }
  }, [current.data, editing]);
  if (!current.data || !draft) return <p className="text-sm text-slate-500">Loading the brief…</p>;
  const brief = current.data.brief;
  const persona = current.data.persona;

  return (
    <div className="space-y-4">
      {props.report ? (
        <section>
          <h3 className="mb-2 text-sm font-semibold text-slate-900">Brief check</h3>
          <BriefCheck report={props.report} onJump={props.onJump} />
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
        <form
          className="space-y-2 text-sm"
          onSubmit={async (event) => {
            event.preventDefault();
            await save.mutateAsync({
              communicationId: props.communicationId,
              brief: { ...draft, likelyQuestions: lines(questions) },
            });
            setEditing(false);
          }}
        >
          <label className="block">
            <span className="text-xs font-medium text-slate-700">
              Desired outcome (a yes/no statement about the customer)
            </span>
            <textarea
              value={draft.desiredOutcome}
              onChange={(e) => setDraft({ ...draft, desiredOutcome: e.target.value })}
              rows={2}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
            />
          </label>
          <label className="block">
            <span className="text-xs font-medium text-slate-700">
              Action the customer should take (blank: none)
            </span>
            <input
              value={draft.action}
              onChange={(e) => setDraft({ ...draft, action: e.target.value })}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
            />
          </label>
          <div className="grid grid-cols-2 gap-2">
            <label className="block">
              <span className="text-xs font-medium text-slate-700">Tone</span>
              <select
                value={draft.tone.style}
                onChange={(e) =>
                  setDraft({
                    ...draft,
                    tone: { ...draft.tone, style: e.target.value as BriefContent["tone"]["style"] },
                  })
                }
                className="mt-1 block w-full rounded-md border border-slate-300 px-1 py-1"
              >
                {toneStyles.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>
            <label className="block">
              <span className="text-xs font-medium text-slate-700">Persona</span>
              <select
                value={draft.personaId ?? ""}
                onChange={(e) => setDraft({ ...draft, personaId: e.target.value || null })}
                className="mt-1 block w-full rounded-md border border-slate-300 px-1 py-1"
              >
                <option value="">None</option>
                {personas.data?.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="block">
              <span className="text-xs font-medium text-slate-700">Journey stage</span>
              <select
                value={draft.journeyStage ?? ""}
                onChange={(e) =>
                  setDraft({
                    ...draft,
                    journeyStage: (e.target.value || null) as BriefContent["journeyStage"],
                  })
                }
                className="mt-1 block w-full rounded-md border border-slate-300 px-1 py-1"
              >
                <option value="">Not set</option>
                {journeyStages.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </label>
            <label className="block">
              <span className="text-xs font-medium text-slate-700">Reading grade target</span>
              <input
                type="number"
                min={1}
                max={16}
                value={draft.readingGradeTarget ?? ""}
                onChange={(e) =>
                  setDraft({
                    ...draft,
                    readingGradeTarget: e.target.value ? Number(e.target.value) : null,
                  })
                }
                className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
              />
            </label>
          </div>
          <fieldset className="space-y-1">
            <legend className="text-xs font-medium text-slate-700">Must say</legend>
            {draft.mustSay.map((fact, index) => (
              <div
                key={`${fact.text}|${fact.kind}|${fact.owner}`}
                className="flex items-center gap-1 text-xs"
              >
                <span className="flex-1">
                  “{fact.text}” · {fact.kind} · owned by {functionLabels[fact.owner]}
                </span>
                <button
                  type="button"
                  className="text-red-700 underline"
                  onClick={() =>
                    setDraft({ ...draft, mustSay: draft.mustSay.filter((_, i) => i !== index) })
                  }
                >
                  Remove
                </button>
              </div>
            ))}
            <MustSayAdder
              onAdd={(fact) => setDraft({ ...draft, mustSay: [...draft.mustSay, fact] })}
            />
          </fieldset>
          <label className="block">
            <span className="text-xs font-medium text-slate-700">
              Likely customer questions (one per line)
            </span>
            <textarea
              value={questions}
              onChange={(e) => setQuestions(e.target.value)}
              rows={3}
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
            />
          </label>
          {save.error ? <p className="text-xs text-red-700">{save.error.message}</p> : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={save.isPending}>
              Save brief
            </Button>
            <Button type="button" variant="secondary" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
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
            <span className="text-slate-500">Tone:</span> {brief.tone.style}
            {persona ? (
              <>
                {" "}
                · <span className="text-slate-500">for</span> {persona.name}
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
        </section>
      )}
    </div>
  );
}

function MustSayAdder(props: { onAdd(fact: BriefContent["mustSay"][number]): void }) {
  const [text, setText] = useState("");
  const [kind, setKind] = useState<BriefContent["mustSay"][number]["kind"]>("amount");
  const [owner, setOwner] = useState<BriefContent["mustSay"][number]["owner"]>("ACCOUNTING");
  return (
    <div className="flex flex-wrap gap-1">
      <input
        aria-label="Must-say fact"
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder="$177.17"
        className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 text-xs"
      />
      <select
        aria-label="Kind"
        value={kind}
        onChange={(e) => setKind(e.target.value as typeof kind)}
        className="rounded-md border border-slate-300 px-1 text-xs"
      >
        {(["amount", "date", "disclosure", "other"] as const).map((k) => (
          <option key={k}>{k}</option>
        ))}
      </select>
      <select
        aria-label="Owner"
        value={owner}
        onChange={(e) => setOwner(e.target.value as typeof owner)}
        className="rounded-md border border-slate-300 px-1 text-xs"
      >
        {Object.entries(functionLabels).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      <Button
        type="button"
        variant="secondary"
        disabled={!text.trim()}
        onClick={() => {
          props.onAdd({ text: text.trim(), kind, owner });
          setText("");
        }}
      >
        Add
      </Button>
    </div>
  );
}
