"use client";
import type { RouterOutputs } from "@conductor/api";
import { Button } from "@conductor/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatDate } from "~/components/format";
import { fieldErrorsFrom, useTRPC } from "~/trpc/react";

type Coverage = RouterOutputs["calls"]["questionCoverage"];

const outcomeWords = {
  "showed-up": "came as calls",
  quiet: "no rise in calls",
  "not-measured": "not measured",
} as const;

const stageName = (stage: Coverage["suggestions"][number]["journeyStage"]) =>
  stage ? `Briefs at the “${stage}” stage` : "Briefs without a journey stage";

/**
 * The briefs' likely questions against what customers called about: the
 * questions briefs keep missing by journey stage, each question's reasons
 * (matched by shared words until an analyst maps it), and per release which
 * predicted questions came as calls and which reasons nobody predicted.
 */
export function QuestionCoverage(props: { organizationId: string }) {
  const trpc = useTRPC();
  const coverage = useQuery(
    trpc.calls.questionCoverage.queryOptions({ organizationId: props.organizationId }),
  );
  if (coverage.error)
    return (
      <p role="alert" className="text-sm text-red-700">
        The questions could not be compared with the calls: {coverage.error.message}
      </p>
    );
  if (!coverage.data)
    return (
      <p role="status" className="text-sm text-slate-500">
        Comparing the briefs' questions with the calls…
      </p>
    );
  const { suggestions, questions, releases, reasons } = coverage.data;
  const labels = new Map(reasons.map((r) => [r.code, r.label]));
  const withQuestions = releases.filter((r) => r.predicted.length > 0 || r.unpredicted.length > 0);
  return (
    <div className="space-y-5 text-sm">
      <section aria-label="Questions briefs keep missing">
        <h3 className="font-semibold text-slate-900">Questions briefs keep missing</h3>
        {suggestions.length === 0 ? (
          <p className="text-slate-600">
            No reason rose unpredicted in two or more releases of the same journey stage.
          </p>
        ) : (
          <ul className="mt-1 list-disc space-y-1 pl-5" data-testid="missed-questions">
            {suggestions.map((s) => (
              <li key={`${s.journeyStage}-${s.reasonCode}`}>
                {stageName(s.journeyStage)}: calls about <strong>{s.label}</strong> rose with no
                question for them in {s.releases} of {s.of} releases. Add a likely question
                {s.question ? <> such as “{s.question}”</> : " about it"} to briefs of this kind.
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-label="Questions and the reasons they show up as">
        <h3 className="font-semibold text-slate-900">Questions and the reasons they show up as</h3>
        <p className="text-xs text-slate-600">
          Until an analyst maps a question, it stands for the reasons whose label shares a word with
          it (“payment date” for “When is my payment due?”). Mapping it here applies to every brief
          that asks it.
        </p>
        {questions.length === 0 ? (
          <p className="mt-1 text-slate-600">No released message's brief lists likely questions.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100" aria-label="Question mappings">
            {questions.map((q) => (
              <QuestionMapping
                key={q.question}
                organizationId={props.organizationId}
                question={q}
                reasons={reasons}
                labels={labels}
              />
            ))}
          </ul>
        )}
      </section>

      <details>
        <summary className="cursor-pointer font-semibold text-slate-900">
          Release by release ({withQuestions.length})
        </summary>
        <div className="-mx-1 overflow-x-auto px-1">
          <table
            className="mt-2 w-full min-w-[34rem] text-left text-xs"
            aria-label="Questions by release"
          >
            <thead className="text-slate-600">
              <tr>
                <th className="pr-2 font-medium">Message</th>
                <th className="pr-2 font-medium">Predicted questions</th>
                <th className="font-medium">Reasons nobody predicted</th>
              </tr>
            </thead>
            <tbody>
              {withQuestions.map((r) => (
                <tr key={r.releaseId} className="border-t border-slate-100 align-top">
                  <td className="py-1 pr-2">
                    {r.title}
                    <div className="text-slate-500">{formatDate(r.releasedAt)}</div>
                  </td>
                  <td className="py-1 pr-2">
                    <ul>
                      {r.predicted.map((p) => (
                        <li key={p.question}>
                          “{p.question}”: {outcomeWords[p.outcome]}
                          {p.outcome === "showed-up" ? ` (+${Math.round(p.excess)})` : ""}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="py-1">
                    {r.unpredicted.length === 0
                      ? "none"
                      : r.unpredicted
                          .map((u) => `${u.label} (+${Math.round(u.excess)})`)
                          .join(", ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}

function QuestionMapping(props: {
  organizationId: string;
  question: Coverage["questions"][number];
  reasons: Coverage["reasons"];
  labels: Map<string, string>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const q = props.question;
  const [editing, setEditing] = useState<string[] | null>(null);
  const map = useMutation(
    trpc.calls.mapQuestion.mutationOptions({
      onSuccess: async () => {
        setEditing(null);
        await queryClient.invalidateQueries({ queryKey: trpc.calls.questionCoverage.queryKey() });
      },
    }),
  );
  const errors = fieldErrorsFrom(map.error);
  return (
    <li className="py-2">
      <p>
        <span className="font-medium text-slate-900">“{q.question}”</span>{" "}
        <span className="text-xs text-slate-600">
          ({q.briefs} {q.briefs === 1 ? "brief" : "briefs"}) →{" "}
          {q.reasonCodes.length
            ? q.reasonCodes.map((c) => props.labels.get(c) ?? c).join(", ")
            : "no reason"}{" "}
          · {q.source === "mapped" ? "mapped by an analyst" : "matched by words"}
        </span>{" "}
        {editing === null ? (
          <button
            type="button"
            className="text-xs text-indigo-800 underline"
            onClick={() => setEditing(q.reasonCodes)}
            aria-label={`Map “${q.question}”`}
          >
            Map
          </button>
        ) : null}
      </p>
      {editing !== null ? (
        <form
          className="mt-1 space-y-1 rounded-md border border-slate-200 p-2 text-xs"
          aria-label={`Reasons for “${q.question}”`}
          onSubmit={(event) => {
            event.preventDefault();
            map.mutate({
              organizationId: props.organizationId,
              question: q.question,
              reasonCodes: editing,
            });
          }}
        >
          <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
            <legend className="sr-only">Reasons this question shows up as</legend>
            {props.reasons.map((r) => (
              <label key={r.code} className="flex items-center gap-1">
                <input
                  type="checkbox"
                  checked={editing.includes(r.code)}
                  onChange={(e) =>
                    setEditing(
                      e.target.checked
                        ? [...editing, r.code]
                        : editing.filter((code) => code !== r.code),
                    )
                  }
                />
                {r.label}
              </label>
            ))}
          </fieldset>
          {map.error ? (
            <p role="alert" className="text-red-700">
              {Object.values(errors)[0] ?? map.error.message}
            </p>
          ) : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={map.isPending}>
              Save
            </Button>
            <Button type="button" variant="secondary" onClick={() => setEditing(null)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </li>
  );
}
