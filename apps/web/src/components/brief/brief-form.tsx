"use client";
import { functionLabels } from "@conductor/core/labels";
import { type BriefContent, journeyStages, toneStyles } from "@conductor/core/schemas";
import { defaultThresholds, warmthOfTone } from "@conductor/rules";
import { Button } from "@conductor/ui";
import { useState } from "react";

const toneLevelFields = [
  ["warmth", "Warmth", ["cool", "warm"]],
  ["formality", "Formality", ["casual", "formal"]],
  ["urgency", "Urgency", ["none", "act now"]],
] as const;

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** A persona as the form offers it. */
export interface PersonaChoice {
  id: string;
  name: string;
  readingGrade: number;
}

/**
 * Every field of a conductor brief, for a communication's brief and for the
 * organisation's brief templates alike. The reading grade and SMS limit may
 * stay blank: the persona's grade and the organisation's limit apply.
 */
export function BriefForm(props: {
  initial: BriefContent;
  personas: PersonaChoice[];
  /** The message's channel; null for a template (any channel). */
  channel: string | null;
  submitLabel: string;
  error: string | null;
  busy: boolean;
  onSubmit(brief: BriefContent): Promise<void>;
  onCancel(): void;
}) {
  const [draft, setDraft] = useState<BriefContent>(props.initial);
  const [questions, setQuestions] = useState(props.initial.likelyQuestions.join("\n"));
  // The grade target when the brief sets none: the persona's, else the rules' default.
  const draftPersona = props.personas.find((p) => p.id === draft.personaId);
  const defaultGrade = draftPersona
    ? { grade: draftPersona.readingGrade, from: `from ${draftPersona.name}` }
    : { grade: defaultThresholds.targetGrade, from: "default" };
  return (
    <form
      className="space-y-2 text-sm"
      onSubmit={async (event) => {
        event.preventDefault();
        await props.onSubmit({ ...draft, likelyQuestions: lines(questions) });
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
      <label className="block">
        <span className="text-xs font-medium text-slate-700">
          Context (what prompted this message, for the customer)
        </span>
        <textarea
          value={draft.context}
          onChange={(e) => setDraft({ ...draft, context: e.target.value })}
          rows={2}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
        />
      </label>
      <div className="grid grid-cols-2 gap-2">
        <label className="block">
          <span className="text-xs font-medium text-slate-700">Tone</span>
          <select
            aria-label="Tone"
            value={draft.tone.style}
            onChange={(e) =>
              setDraft({
                ...draft,
                // A style implies a warmth: set it, so the form shows what is asked
                // (the author may still move it).
                tone: {
                  ...draft.tone,
                  style: e.target.value as BriefContent["tone"]["style"],
                  warmth: warmthOfTone[e.target.value as BriefContent["tone"]["style"]],
                },
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
            aria-label="Persona"
            value={draft.personaId ?? ""}
            onChange={(e) => setDraft({ ...draft, personaId: e.target.value || null })}
            className="mt-1 block w-full rounded-md border border-slate-300 px-1 py-1"
          >
            <option value="">None</option>
            {props.personas.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          <span className="text-xs font-medium text-slate-700">Journey stage</span>
          <select
            aria-label="Journey stage"
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
            placeholder={`${defaultGrade.grade} (${defaultGrade.from === "default" ? "default" : "persona"})`}
            title={`Blank: ${defaultGrade.grade}, ${defaultGrade.from}`}
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
      <fieldset className="grid grid-cols-3 gap-2">
        <legend className="mb-1 text-xs font-medium text-slate-700">
          Tone levels (1–5; the text may be one step away)
        </legend>
        {toneLevelFields.map(([dimension, label, hint]) => (
          <label key={dimension} className="block">
            <span className="text-xs text-slate-700">{label}</span>
            <select
              aria-label={label}
              value={draft.tone[dimension]}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  tone: { ...draft.tone, [dimension]: Number(e.target.value) },
                })
              }
              className="mt-1 block w-full rounded-md border border-slate-300 px-1 py-1"
            >
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n}
                  {n === 1 ? ` ${hint[0]}` : n === 5 ? ` ${hint[1]}` : ""}
                </option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      {props.channel === "SMS" || props.channel === null ? (
        <label className="block">
          <span className="text-xs font-medium text-slate-700">
            Most SMS segments{props.channel === null ? " (when sent by SMS)" : ""}
          </span>
          <input
            type="number"
            min={1}
            max={10}
            value={draft.channelLimits.maxSmsSegments ?? ""}
            placeholder={`${defaultThresholds.maxSmsSegments} (the organisation's limit)`}
            onChange={(e) =>
              setDraft({
                ...draft,
                channelLimits: {
                  maxSmsSegments: e.target.value ? Number(e.target.value) : null,
                },
              })
            }
            className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
          />
        </label>
      ) : null}
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
        <MustSayAdder onAdd={(fact) => setDraft({ ...draft, mustSay: [...draft.mustSay, fact] })} />
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
      {props.error ? <p className="text-xs text-red-700">{props.error}</p> : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={props.busy}>
          {props.submitLabel}
        </Button>
        <Button type="button" variant="secondary" onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
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
