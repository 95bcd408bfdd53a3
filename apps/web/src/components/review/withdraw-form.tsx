"use client";
import { Button } from "@conductor/ui";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "~/trpc/react";

/** The owner takes the review back, saying why; decisions made so far stay on record. */
export function WithdrawForm(props: { communicationId: string; reviewId: string; onDone(): void }) {
  const trpc = useTRPC();
  const withdraw = useMutation(trpc.reviews.withdraw.mutationOptions({ onSuccess: props.onDone }));
  const [reason, setReason] = useState<string | null>(null);
  if (reason === null)
    return (
      <div className="border-t border-slate-200 pt-3">
        <Button variant="secondary" onClick={() => setReason("")}>
          Withdraw the review…
        </Button>
      </div>
    );
  return (
    <form
      aria-label="Withdraw the review"
      className="space-y-2 border-t border-slate-200 pt-3"
      onSubmit={(event) => {
        event.preventDefault();
        withdraw.mutate({ ...props, reason });
      }}
    >
      <label htmlFor="withdraw-reason" className="text-xs font-medium text-slate-700">
        Why withdraw it? Reviewers stop seeing it; the trail keeps what they decided.
      </label>
      <textarea
        id="withdraw-reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        rows={2}
        className="block w-full rounded-md border border-slate-300 px-2 py-1"
      />
      {withdraw.error ? <p className="text-xs text-red-700">{withdraw.error.message}</p> : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={withdraw.isPending || reason.trim().length < 3}>
          Withdraw
        </Button>
        <Button variant="secondary" onClick={() => setReason(null)}>
          Keep it in review
        </Button>
      </div>
    </form>
  );
}
