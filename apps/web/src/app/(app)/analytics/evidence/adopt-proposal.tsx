"use client";
import type { RuleSet } from "@conductor/rules";
import { Button } from "@conductor/ui";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { fieldErrorsFrom, useTRPC } from "~/trpc/react";

/**
 * The admin's decision on the evidence's proposal: nothing is adopted
 * without a reason, and a proposal worked out against an older rule set
 * is refused by the server (`basedOn`) rather than applied on top.
 */
export function AdoptProposal(props: { organizationId: string; change: RuleSet; basedOn: number }) {
  const trpc = useTRPC();
  const [reason, setReason] = useState("");
  // No refresh on success: the page keeps the proposal that was adopted
  // beside the answer, and reloading it shows the evidence under the new rules.
  const adopt = useMutation(trpc.ruleSets.adopt.mutationOptions());
  const errors = fieldErrorsFrom(adopt.error);
  if (adopt.data)
    return (
      <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        Adopted as rule-set version {adopt.data.number}: rules {adopt.data.rulesVersion}.{" "}
        <Link href="/settings/rules" className="underline">
          See it in Settings → Rules
        </Link>{" "}
        ·{" "}
        <a href="/analytics/evidence" className="underline">
          The evidence under the new rules
        </a>
      </p>
    );
  return (
    <form
      aria-label="Adopt the proposal"
      className="space-y-2 rounded-md border border-indigo-200 bg-indigo-50/40 p-3 text-sm"
      onSubmit={(event) => {
        event.preventDefault();
        adopt.mutate({
          organizationId: props.organizationId,
          change: props.change,
          reason,
          source: "EVIDENCE",
          basedOn: props.basedOn,
        });
      }}
    >
      <label className="block">
        <span className="font-medium text-slate-900">Why adopt these changes?</span>
        <textarea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={2}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
        />
      </label>
      {adopt.error ? (
        <div role="alert" className="text-red-700">
          <p>{adopt.error.message}</p>
          {Object.entries(errors).map(([field, message]) => (
            <p key={field}>{message}</p>
          ))}
        </div>
      ) : null}
      <Button type="submit" disabled={adopt.isPending || reason.trim().length < 3}>
        Adopt
      </Button>
    </form>
  );
}
