"use client";
import type { RouterInputs } from "@conductor/api";
import { channelLabels } from "@conductor/core/labels";
import { channelValues } from "@conductor/core/schemas";
import { Button } from "@conductor/ui";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { CallPrediction } from "~/components/calls/call-prediction";
import { fieldErrorsFrom, useTRPC } from "~/trpc/react";

type ReleaseChannel = RouterInputs["reviews"]["release"]["channel"];

/**
 * The comms manager records the release: the channel, each day it is sent
 * (picked, never typed), how many it reaches and the sending system's
 * campaign id.
 */
export function ReleaseForm(props: {
  communicationId: string;
  reviewId: string;
  /** The approved version being released, for its predicted calls. */
  versionId: string;
  channel: ReleaseChannel;
  onDone(): Promise<void>;
}) {
  const trpc = useTRPC();
  const release = useMutation(trpc.reviews.release.mutationOptions());
  const [channel, setChannel] = useState<ReleaseChannel>(props.channel);
  const [dates, setDates] = useState<string[]>([""]);
  const [recipients, setRecipients] = useState("");
  const [campaignId, setCampaignId] = useState("");
  const chosen = dates.filter(Boolean);
  return (
    <form
      aria-label="Release"
      className="space-y-2 rounded-md border border-emerald-200 bg-emerald-50/40 p-3 text-xs"
      onSubmit={async (event) => {
        event.preventDefault();
        await release.mutateAsync({
          communicationId: props.communicationId,
          reviewId: props.reviewId,
          channel,
          // A picked day is YYYY-MM-DD, sent as typed: the server reads it as
          // midnight UTC, like the API's dates, and refuses anything else by name.
          sendDates: [...new Set(chosen)],
          recipients: Number(recipients),
          campaignId: campaignId || undefined,
        });
        await props.onDone();
      }}
    >
      <p className="text-sm font-medium text-slate-900">Approve the release</p>
      <label className="block">
        Channel
        <select
          aria-label="Channel"
          value={channel}
          onChange={(e) => setChannel(e.target.value as ReleaseChannel)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-1 py-1"
        >
          {channelValues.map((c) => (
            <option key={c} value={c}>
              {channelLabels[c]}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="space-y-1">
        <legend>Send dates</legend>
        {dates.map((date, index) => (
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: the rows are positions, not records
            key={index}
            className="flex items-center gap-2"
          >
            <input
              type="date"
              aria-label={`Send date ${index + 1}`}
              value={date}
              onChange={(e) => setDates(dates.map((d, i) => (i === index ? e.target.value : d)))}
              className="block w-full rounded-md border border-slate-300 px-2 py-1"
            />
            {dates.length > 1 ? (
              <button
                type="button"
                aria-label={`Remove send date ${index + 1}`}
                onClick={() => setDates(dates.filter((_, i) => i !== index))}
                className="rounded px-1 text-slate-600 hover:text-slate-900"
              >
                Remove
              </button>
            ) : null}
          </div>
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
        Campaign id (optional)
        <input
          value={campaignId}
          onChange={(e) => setCampaignId(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
        />
      </label>
      <CallPrediction
        communicationId={props.communicationId}
        versionId={props.versionId}
        recipients={Number(recipients)}
        subject="the approved version"
      />
      {release.error ? (
        <div role="alert" className="text-red-700">
          <p>{release.error.message}</p>
          {Object.entries(fieldErrorsFrom(release.error)).map(([field, message]) => (
            <p key={field}>{message}</p>
          ))}
        </div>
      ) : null}
      <Button type="submit" disabled={release.isPending || chosen.length === 0 || !recipients}>
        Release
      </Button>
    </form>
  );
}
