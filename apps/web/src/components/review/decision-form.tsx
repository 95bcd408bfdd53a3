"use client";
import { functionLabels } from "@conductor/core/labels";
import type { ReviewFunction } from "@conductor/db/enums";
import { Button } from "@conductor/ui";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";
import { decisionLabels, reasonOf } from "./review-words";

export function DecisionForm(props: {
  communicationId: string;
  reviewId: string;
  versionHash: string;
  functions: ReviewFunction[];
  reasonCodes: string[];
  onDone(): Promise<void>;
}) {
  const trpc = useTRPC();
  const decide = useMutation(trpc.reviews.decide.mutationOptions());
  const [fn, setFn] = useState<ReviewFunction>(props.functions[0]!);
  const [kind, setKind] = useState<keyof typeof decisionLabels>("APPROVE");
  const [reasonCode, setReasonCode] = useState("");
  const [comment, setComment] = useState("");
  const needsReason = kind === "REQUEST_CHANGES" || kind === "REJECT";
  // Approving while the function has pending suggestions is refused until the
  // reviewer withdraws them (Suggestions tab) or approves "with changes".
  const pendingSuggestions = reasonOf(decide.error) === "PENDING_SUGGESTIONS";
  const record = async (withChanges: boolean) => {
    await decide.mutateAsync({
      communicationId: props.communicationId,
      reviewId: props.reviewId,
      versionHash: props.versionHash,
      function: fn,
      kind,
      reasonCode: needsReason ? reasonCode : undefined,
      comment,
      withChanges,
    });
    await props.onDone();
  };
  return (
    <form
      aria-label="Your decision"
      className="space-y-2 rounded-md border border-indigo-200 bg-indigo-50/40 p-3"
      onSubmit={async (event) => {
        event.preventDefault();
        await record(false).catch(() => undefined);
      }}
    >
      <p className="font-medium text-slate-900">Your decision</p>
      {props.functions.length > 1 ? (
        <label className="block text-xs">
          Deciding for
          <select
            aria-label="Deciding for"
            value={fn}
            onChange={(e) => setFn(e.target.value as ReviewFunction)}
            className="ml-1 rounded-md border border-slate-300 px-1"
          >
            {props.functions.map((f) => (
              <option key={f} value={f}>
                {functionLabels[f]}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p className="text-xs text-slate-600">For {functionLabels[fn]}</p>
      )}
      <fieldset className="grid grid-cols-2 gap-1 text-xs">
        <legend className="sr-only">Decision</legend>
        {(Object.keys(decisionLabels) as (keyof typeof decisionLabels)[]).map((k) => (
          <label key={k} className="flex items-center gap-1">
            <input type="radio" name="decision" checked={kind === k} onChange={() => setKind(k)} />
            {
              {
                APPROVE: "Approve",
                APPROVE_WITH_COMMENTS: "Approve with comments",
                REQUEST_CHANGES: "Request changes",
                REJECT: "Reject",
              }[k]
            }
          </label>
        ))}
      </fieldset>
      {needsReason ? (
        <label className="block text-xs">
          <span className="font-medium text-slate-700">Reason</span>
          <select
            aria-label="Reason"
            value={reasonCode}
            onChange={(e) => setReasonCode(e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 px-1 py-1"
          >
            <option value="">Choose…</option>
            {props.reasonCodes.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="block text-xs">
        <span className="font-medium text-slate-700">Comment</span>
        <textarea
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          rows={2}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
        />
      </label>
      {decide.error ? (
        <p role="alert" className="text-xs text-red-700">
          {decide.error.message}
        </p>
      ) : null}
      {pendingSuggestions ? (
        <div className="flex flex-wrap items-center gap-2 text-xs">
          <Button
            type="button"
            disabled={decide.isPending}
            onClick={() => void record(true).catch(() => undefined)}
          >
            Approve with changes
          </Button>
          <span className="text-slate-600">or withdraw them in the Suggestions tab first.</span>
        </div>
      ) : null}
      <Button type="submit" disabled={decide.isPending || (needsReason && !reasonCode)}>
        Record decision
      </Button>
    </form>
  );
}
