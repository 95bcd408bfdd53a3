"use client";
import { Button } from "@conductor/ui";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { fieldErrorsFrom, useTRPC } from "~/trpc/react";

const isoDay = (date: Date | string) => new Date(date).toISOString().slice(0, 10);

/**
 * What the release recorded, and (for the owner or a comms manager) a
 * correction of it with a reason: the trail keeps what it said before.
 */
export function CorrectReleaseForm(props: {
  communicationId: string;
  release: {
    id: string;
    sendDates: (Date | string)[];
    recipients: number;
    campaignId: string | null;
  };
  mayCorrect: boolean;
  onDone(): Promise<void>;
}) {
  const trpc = useTRPC();
  const correct = useMutation(trpc.reviews.correctRelease.mutationOptions());
  const [dates, setDates] = useState(() => props.release.sendDates.map(isoDay));
  const [recipients, setRecipients] = useState(String(props.release.recipients));
  const [campaignId, setCampaignId] = useState(props.release.campaignId ?? "");
  const [reason, setReason] = useState("");
  const chosen = dates.filter(Boolean);
  const errors = fieldErrorsFrom(correct.error);
  return (
    <section aria-label="Recorded release" className="space-y-1 text-xs text-slate-700">
      <p>
        Sent {props.release.sendDates.map(isoDay).join(", ")} to{" "}
        {props.release.recipients.toLocaleString("en")} recipients
        {props.release.campaignId ? ` · campaign ${props.release.campaignId}` : ""}
      </p>
      {props.mayCorrect ? (
        <details className="rounded-md border border-slate-200 p-2">
          <summary className="cursor-pointer text-indigo-800">Correct the release</summary>
          <form
            aria-label="Correct the release"
            className="mt-2 space-y-2"
            onSubmit={async (event) => {
              event.preventDefault();
              await correct.mutateAsync({
                communicationId: props.communicationId,
                releaseId: props.release.id,
                sendDates: [...new Set(chosen)],
                recipients: Number(recipients),
                campaignId,
                reason,
              });
              setReason("");
              await props.onDone();
            }}
          >
            <fieldset className="space-y-1">
              <legend>Send dates</legend>
              {dates.map((date, index) => (
                <input
                  // biome-ignore lint/suspicious/noArrayIndexKey: the rows are positions, not records
                  key={index}
                  type="date"
                  aria-label={`Corrected send date ${index + 1}`}
                  value={date}
                  onChange={(e) =>
                    setDates(dates.map((d, i) => (i === index ? e.target.value : d)))
                  }
                  className="block w-full rounded-md border border-slate-300 px-2 py-1"
                />
              ))}
              <button
                type="button"
                onClick={() => setDates([...dates, ""])}
                className="text-indigo-800 underline"
              >
                Add another send date
              </button>
            </fieldset>
            <label className="block">
              Recipients
              <input
                type="number"
                min={1}
                value={recipients}
                onChange={(e) => setRecipients(e.target.value)}
                className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
              />
            </label>
            <label className="block">
              Campaign id (empty removes it)
              <input
                value={campaignId}
                onChange={(e) => setCampaignId(e.target.value)}
                className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
              />
            </label>
            <label className="block">
              Why it is corrected
              <textarea
                required
                minLength={5}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
              />
            </label>
            {correct.error ? (
              <div role="alert" className="text-red-700">
                <p>{correct.error.message}</p>
                {Object.entries(errors).map(([field, message]) => (
                  <p key={field}>{message}</p>
                ))}
              </div>
            ) : null}
            <Button
              type="submit"
              disabled={correct.isPending || chosen.length === 0 || !recipients || !reason}
            >
              Record the correction
            </Button>
          </form>
        </details>
      ) : null}
    </section>
  );
}
