"use client";
import { functionLabels } from "@conductor/core/labels";
import type { Suggestion } from "@conductor/editor";
import { useState } from "react";
import { colorFor } from "./presence";

export type SuggestionRequest = {
  verdict: "accept" | "reject" | "withdraw";
  scope:
    | { kind: "one"; suggestionId: string }
    | { kind: "author"; authorId: string }
    | { kind: "function"; function: string }
    | { kind: "all" };
  reason?: string | null;
};

const quote = (text: string) => `‘${text.length > 80 ? `${text.slice(0, 79)}…` : text}’`;

/** "Legal suggests replacing 'remit' with 'pay'" — what a margin card says. */
export function describeSuggestion(suggestion: Suggestion): string {
  const who =
    (suggestion.authorFunction &&
      functionLabels[suggestion.authorFunction as keyof typeof functionLabels]) ||
    "Someone";
  if (suggestion.inserted && suggestion.deleted)
    return `${who} suggests replacing ${quote(suggestion.deleted)} with ${quote(suggestion.inserted)}`;
  if (suggestion.inserted) return `${who} suggests adding ${quote(suggestion.inserted)}`;
  return `${who} suggests removing ${quote(suggestion.deleted)}`;
}

/**
 * The pending suggestions as cards beside the text: the owner and comms
 * managers accept or reject (one, all of one function, all), a suggester
 * withdraws their own. The collaboration server decides and records each.
 */
export function SuggestionsPanel(props: {
  suggestions: Suggestion[];
  myUserId: string;
  canDecide: boolean;
  decide(request: SuggestionRequest): Promise<void>;
  onSelect(suggestion: Suggestion): void;
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
  if (props.suggestions.length === 0)
    return <p className="text-sm text-slate-500">No pending suggestions.</p>;
  return (
    <div className="grid gap-3">
      {error ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
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
      <ul aria-label="Suggestions" className="grid gap-2">
        {props.suggestions.map((s) => {
          const mine = s.authorId === props.myUserId;
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
        })}
      </ul>
    </div>
  );
}
