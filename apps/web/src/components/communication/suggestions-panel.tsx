"use client";
import { functionLabels } from "@conductor/core/labels";
import type { AcceptingImpact } from "@conductor/core/suggestion-impact";
import { describeProposedChange, type Suggestion } from "@conductor/editor";
import { useState } from "react";
import { colorFor } from "./presence";

export type SuggestionRequest = {
  verdict: "accept" | "reject" | "withdraw";
  scope:
    | { kind: "one"; suggestionId: string }
    | { kind: "author"; authorId: string }
    | { kind: "function"; function: string }
    | { kind: "selection"; suggestionIds: string[] }
    | { kind: "all" };
  reason?: string | null;
};

/** "Legal suggests replacing 'remit' with 'pay'" — what a margin card says. */
export function describeSuggestion(suggestion: Suggestion): string {
  const who =
    (suggestion.authorFunction &&
      functionLabels[suggestion.authorFunction as keyof typeof functionLabels]) ||
    "Someone";
  return `${who} suggests ${describeProposedChange(suggestion)}`;
}

/** What accepting would change: for all, per function, per suggestion (when computed). */
export interface SuggestionImpacts {
  all: AcceptingImpact;
  byFunction: Record<string, AcceptingImpact>;
  bySuggestion: Record<string, AcceptingImpact>;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "84 → 91, fixes 2 findings": a score change and the findings it moves. */
export function describeImpact(impact: AcceptingImpact): string {
  const [before, after] = [Math.round(impact.scoreBefore), Math.round(impact.scoreAfter)];
  const parts = [before === after ? `score stays ${before}` : `${before} → ${after}`];
  if (impact.fixes) parts.push(`fixes ${plural(impact.fixes, "finding")}`);
  if (impact.adds) parts.push(`adds ${plural(impact.adds, "finding")}`);
  return parts.join(", ");
}

/** A reviewer's request for changes in the open review, and the suggestions it carried. */
export interface ChangeRequest {
  id: string;
  reviewerName: string;
  function: string;
  reasonCode: string | null;
  comment: string;
  suggestionIds: string[];
}

/**
 * The pending suggestions as cards beside the text, those a request for
 * changes carried grouped under it: the owner and comms managers accept or
 * reject (one, those in the editor's selection, all of one function, all),
 * a suggester withdraws their own. The collaboration server decides and
 * records each.
 */
export function SuggestionsPanel(props: {
  suggestions: Suggestion[];
  /** Ids of the pending suggestions the editor's selection touches. */
  selectedIds: string[];
  requests: ChangeRequest[];
  myUserId: string;
  canDecide: boolean;
  decide(request: SuggestionRequest): Promise<void>;
  onSelect(suggestion: Suggestion): void;
  impacts: SuggestionImpacts | null;
  /** Comment threads anchored on a suggestion's text: its reply threads. */
  threadsOf(suggestion: Suggestion): string[];
  /** Opens a comment thread on the suggestion (the Comments tab, anchored on its text). */
  onDiscuss(suggestion: Suggestion): void;
  onOpenThread(threadId: string): void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const run = async (request: SuggestionRequest) => {
    setBusy(true);
    setError(null);
    try {
      await props.decide(request);
      setRejecting(null);
      setReason("");
    } catch (e) {
      setError(e instanceof Error ? e.message : "The suggestion could not be decided");
    } finally {
      setBusy(false);
    }
  };
  const functions = [
    ...new Set(props.suggestions.map((s) => s.authorFunction).filter((f): f is string => !!f)),
  ];
  // Each pending suggestion shows once: under the first request that carried it, else with the rest.
  const placed = new Set<string>();
  const groups = props.requests
    .map((request) => {
      const carried = new Set(request.suggestionIds);
      const suggestions = props.suggestions.filter((s) => carried.has(s.id) && !placed.has(s.id));
      for (const s of suggestions) placed.add(s.id);
      return { request, suggestions };
    })
    .filter((group) => group.suggestions.length > 0);
  const rest = props.suggestions.filter((s) => !placed.has(s.id));
  const card = (s: Suggestion) => {
    const mine = s.authorId === props.myUserId;
    const impact = props.impacts?.bySuggestion[s.id];
    const threads = props.threadsOf(s);
    return (
      <li
        key={s.id}
        className="rounded-lg border-l-4 bg-white p-3 text-sm shadow-sm ring-1 ring-slate-200"
        style={{ borderLeftColor: colorFor(s.authorId) }}
      >
        <button
          type="button"
          className="text-left text-slate-800 hover:underline"
          onClick={() => props.onSelect(s)}
        >
          {describeSuggestion(s)}
        </button>
        <p className="mt-1 text-xs text-slate-500">
          {mine ? "You · " : ""}
          {new Date(s.createdAt).toLocaleString()}
        </p>
        {impact ? (
          <p className="mt-1 text-xs text-indigo-800">Accepting: {describeImpact(impact)}</p>
        ) : null}
        <div className="mt-2 flex flex-wrap gap-2">
          {props.canDecide ? (
            <>
              <button
                type="button"
                disabled={busy}
                className="rounded bg-emerald-700 px-2 py-0.5 text-white disabled:opacity-50"
                onClick={() =>
                  run({ verdict: "accept", scope: { kind: "one", suggestionId: s.id } })
                }
              >
                Accept
              </button>
              <button
                type="button"
                disabled={busy}
                className="rounded border border-slate-300 px-2 py-0.5 disabled:opacity-50"
                onClick={() => setRejecting(rejecting === s.id ? null : s.id)}
              >
                Reject…
              </button>
            </>
          ) : null}
          {mine ? (
            <button
              type="button"
              disabled={busy}
              className="rounded border border-slate-300 px-2 py-0.5 disabled:opacity-50"
              onClick={() =>
                run({ verdict: "withdraw", scope: { kind: "one", suggestionId: s.id } })
              }
            >
              Withdraw
            </button>
          ) : null}
          <button
            type="button"
            className="rounded border border-slate-300 px-2 py-0.5"
            onClick={() => props.onDiscuss(s)}
          >
            Reply…
          </button>
          {threads.map((threadId, i) => (
            <button
              key={threadId}
              type="button"
              className="rounded px-1 py-0.5 text-indigo-800 underline"
              onClick={() => props.onOpenThread(threadId)}
            >
              {threads.length === 1 ? "Open the thread" : `Thread ${i + 1}`}
            </button>
          ))}
        </div>
        {rejecting === s.id ? (
          <form
            className="mt-2 grid gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              void run({
                verdict: "reject",
                scope: { kind: "one", suggestionId: s.id },
                reason: reason.trim() || null,
              });
            }}
          >
            <label className="grid gap-1 text-xs text-slate-600">
              Why (optional; the author sees it)
              <textarea
                value={reason}
                maxLength={2000}
                onChange={(e) => setReason(e.target.value)}
                className="rounded border border-slate-300 px-2 py-1 text-sm"
              />
            </label>
            <button
              type="submit"
              disabled={busy}
              className="justify-self-start rounded bg-slate-800 px-2 py-0.5 text-white disabled:opacity-50"
            >
              Reject suggestion
            </button>
          </form>
        ) : null}
      </li>
    );
  };

  if (props.suggestions.length === 0)
    return <p className="text-sm text-slate-500">No pending suggestions.</p>;
  return (
    <div className="grid gap-3">
      {error ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {props.impacts ? (
        <ul
          aria-label="What accepting would change"
          className="grid gap-0.5 rounded bg-indigo-50 px-3 py-2 text-xs text-indigo-900"
        >
          <li>
            Accepting all {plural(props.suggestions.length, "suggestion")}:{" "}
            {describeImpact(props.impacts.all)}
          </li>
          {functions.map((f) => {
            const impact = props.impacts?.byFunction[f];
            if (!impact) return null;
            const count = props.suggestions.filter((s) => s.authorFunction === f).length;
            return (
              <li key={f}>
                Accepting {functionLabels[f as keyof typeof functionLabels] ?? f}’s{" "}
                {plural(count, "suggestion")}: {describeImpact(impact)}
              </li>
            );
          })}
        </ul>
      ) : null}
      {props.canDecide ? (
        <div className="flex flex-wrap gap-2 text-sm">
          <button
            type="button"
            disabled={busy}
            className="rounded bg-emerald-700 px-2 py-1 text-white disabled:opacity-50"
            onClick={() => run({ verdict: "accept", scope: { kind: "all" } })}
          >
            Accept all ({props.suggestions.length})
          </button>
          <button
            type="button"
            disabled={busy}
            className="rounded border border-slate-300 px-2 py-1 disabled:opacity-50"
            onClick={() => run({ verdict: "reject", scope: { kind: "all" } })}
          >
            Reject all
          </button>
          {props.selectedIds.length > 0 ? (
            <>
              <button
                type="button"
                disabled={busy}
                className="rounded bg-emerald-700 px-2 py-1 text-white disabled:opacity-50"
                onClick={() =>
                  run({
                    verdict: "accept",
                    scope: { kind: "selection", suggestionIds: props.selectedIds },
                  })
                }
              >
                Accept selected ({props.selectedIds.length})
              </button>
              <button
                type="button"
                disabled={busy}
                className="rounded border border-slate-300 px-2 py-1 disabled:opacity-50"
                onClick={() =>
                  run({
                    verdict: "reject",
                    scope: { kind: "selection", suggestionIds: props.selectedIds },
                  })
                }
              >
                Reject selected
              </button>
            </>
          ) : null}
          {functions.map((f) => (
            <button
              key={f}
              type="button"
              disabled={busy}
              className="rounded border border-emerald-700 px-2 py-1 text-emerald-800 disabled:opacity-50"
              onClick={() => run({ verdict: "accept", scope: { kind: "function", function: f } })}
            >
              Accept all from {functionLabels[f as keyof typeof functionLabels] ?? f}
            </button>
          ))}
        </div>
      ) : null}
      {groups.map((group) => (
        <section
          key={group.request.id}
          aria-label={`Requested by ${group.request.reviewerName}`}
          className="grid gap-2 rounded-lg bg-amber-50 p-2 ring-1 ring-amber-200"
        >
          <p className="text-xs text-amber-900">
            <span className="font-medium">
              {functionLabels[group.request.function as keyof typeof functionLabels] ??
                group.request.function}{" "}
              ({group.request.reviewerName}) requested changes
            </span>
            {group.request.reasonCode ? ` · ${group.request.reasonCode}` : ""}
            {group.request.comment ? ` — “${group.request.comment}”` : ""}
          </p>
          <ul
            aria-label={`Suggestions with ${group.request.reviewerName}'s request`}
            className="grid gap-2"
          >
            {group.suggestions.map(card)}
          </ul>
        </section>
      ))}
      {rest.length > 0 ? (
        <>
          {groups.length > 0 ? (
            <p className="text-xs font-medium text-slate-600">Other suggestions</p>
          ) : null}
          <ul aria-label="Suggestions" className="grid gap-2">
            {rest.map(card)}
          </ul>
        </>
      ) : null}
    </div>
  );
}
