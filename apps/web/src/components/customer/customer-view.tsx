"use client";
import type { Channel } from "@conductor/editor";
import { Button } from "@conductor/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { JSONContent } from "@tiptap/core";
import { clsx } from "clsx";
import { useEffect, useState } from "react";
import { formatDateTime } from "~/components/format";
import { ChannelPreview } from "~/components/preview/channel-preview";
import { useTRPC } from "~/trpc/react";

/** What the live draft is, to say when a saved version no longer matches it. */
export interface LiveDraft {
  text: string;
  subject: string;
  preheader: string;
}

/**
 * "Read as the customer": a saved version exactly as the persona receives it
 * (merge fields filled), beside the brief's outcome question, and each
 * reviewer's "a customer would get it: yes/no, because…". Judgements are made
 * on saved versions so the words cannot move under them.
 */
export function CustomerView(props: {
  communicationId: string;
  organizationName: string;
  channel: Channel;
  live: LiveDraft | null;
  canSaveVersion: boolean;
  myUserId: string;
  /** Bumped when the server says the versions changed. */
  revision: number;
  saveVersion(name: string): Promise<{ id: string; number: number }>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { communicationId } = props;
  const versions = useQuery(trpc.versions.list.queryOptions({ communicationId }));
  const { refetch } = versions;
  useEffect(() => {
    if (props.revision > 0) void refetch();
  }, [props.revision, refetch]);
  const [chosen, setChosen] = useState<string | null>(null);
  const versionId = chosen ?? versions.data?.[0]?.id ?? null;
  const content = useQuery(
    trpc.versions.content.queryOptions(
      { communicationId, versionId: versionId ?? "" },
      { enabled: Boolean(versionId) },
    ),
  );
  const readings = useQuery(
    trpc.readings.forVersion.queryOptions(
      { communicationId, versionId: versionId ?? "" },
      { enabled: Boolean(versionId) },
    ),
  );
  const record = useMutation(
    trpc.readings.record.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.readings.forVersion.queryKey() }),
    }),
  );
  const [saving, setSaving] = useState<string | null>(null);

  const saveNow = async () => {
    setSaving(null);
    try {
      const saved = await props.saveVersion("For reading as the customer");
      await refetch();
      // The one just saved, even if someone else saved another a moment later.
      setChosen(saved.id);
      setSaving(`Saved as version ${saved.number}`);
    } catch (error) {
      setSaving((error as Error).message);
    }
  };

  if (versions.isPending) return <p className="text-sm text-slate-500">Loading versions…</p>;
  if (!versionId)
    return (
      <div className="space-y-2 text-sm text-slate-700">
        <p>
          Judgements are kept with a saved version, so the words cannot change under them. No
          version has been saved yet.
        </p>
        {props.canSaveVersion ? (
          <Button onClick={saveNow}>Save a version to read</Button>
        ) : (
          <p className="text-slate-500">Ask an editor to save a version.</p>
        )}
        {saving ? <p className="text-xs text-slate-600">{saving}</p> : null}
      </div>
    );

  const version = content.data;
  const data = readings.data;
  const persona = data?.persona ?? null;
  const stale =
    version && props.live
      ? version.text !== props.live.text ||
        version.subject !== props.live.subject ||
        version.preheader !== props.live.preheader
      : false;

  return (
    <div className="space-y-4">
      <label className="block text-xs font-medium text-slate-700">
        Version
        <select
          aria-label="Version"
          value={versionId}
          onChange={(e) => setChosen(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-1 py-1 text-sm"
        >
          {versions.data?.map((v) => (
            <option key={v.id} value={v.id}>
              {v.number}. {v.name} — {v.author.name}, {formatDateTime(v.createdAt)}
            </option>
          ))}
        </select>
      </label>
      {stale ? (
        <div className="rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900">
          The draft has changed since this version.{" "}
          {props.canSaveVersion ? (
            <button type="button" className="font-medium underline" onClick={saveNow}>
              Save the draft as a version to read it
            </button>
          ) : (
            "Ask an editor to save a new version."
          )}
        </div>
      ) : null}
      {saving ? <p className="text-xs text-slate-600">{saving}</p> : null}

      <section aria-label="The customer" className="rounded-md bg-slate-50 px-3 py-2 text-sm">
        {persona ? (
          <>
            <p className="font-semibold text-slate-900">Read as {persona.name}</p>
            <p className="text-slate-700">{persona.vignette}</p>
            {persona.feelings ? (
              <p className="mt-1 text-xs text-slate-600">Feels: {persona.feelings}</p>
            ) : null}
            {persona.beliefs ? (
              <p className="text-xs text-slate-600">Believes: {persona.beliefs}</p>
            ) : null}
          </>
        ) : (
          <p className="text-slate-600">
            The brief names no persona: read it as any customer receiving it.
          </p>
        )}
      </section>

      <ChannelPreview
        channel={props.channel}
        content={(version?.json as JSONContent | undefined) ?? null}
        subject={version?.subject ?? ""}
        preheader={version?.preheader ?? ""}
        result={null}
        organizationName={props.organizationName}
      />

      {data ? (
        <section aria-label="Would a customer get it?" className="space-y-2 text-sm">
          {data.outcome ? (
            <div>
              <p className="font-medium text-slate-900">
                After reading this version, is the brief's outcome true of the customer?
              </p>
              <p className="mt-1 text-slate-800">“{data.outcome}”</p>
              {data.action ? (
                <p className="mt-1 text-xs text-slate-700">
                  The action they should take: {data.action}
                </p>
              ) : null}
            </div>
          ) : (
            <p className="text-slate-600">
              This version was saved before the brief stated an outcome: there is no question to
              answer yet.
            </p>
          )}
          {data.canRecord && data.outcome ? (
            <ReadingForm
              key={versionId}
              mine={data.readings.find((r) => r.reviewer.id === props.myUserId) ?? null}
              error={record.error?.message ?? null}
              busy={record.isPending}
              onSubmit={(answer) => record.mutateAsync({ communicationId, versionId, ...answer })}
            />
          ) : null}
          <ul aria-label="Answers" className="space-y-1">
            {data.readings.map((r) => (
              <li
                key={r.id}
                className={clsx(
                  "rounded-md px-3 py-2 ring-1",
                  r.understood
                    ? "bg-emerald-50 text-emerald-900 ring-emerald-200"
                    : "bg-red-50 text-red-900 ring-red-200",
                )}
              >
                <span className="font-semibold">{r.understood ? "Yes" : "No"}</span> ·{" "}
                {r.reviewer.name}: {r.reason}
                <span className="block text-xs opacity-80">{formatDateTime(r.updatedAt)}</span>
              </li>
            ))}
            {data.readings.length === 0 ? (
              <li className="text-xs text-slate-500">No one has answered for this version yet.</li>
            ) : null}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function ReadingForm(props: {
  mine: { understood: boolean; reason: string } | null;
  error: string | null;
  busy: boolean;
  onSubmit(answer: { understood: boolean; reason: string }): Promise<unknown>;
}) {
  const [understood, setUnderstood] = useState<boolean | null>(props.mine?.understood ?? null);
  const [reason, setReason] = useState(props.mine?.reason ?? "");
  return (
    <form
      className="space-y-2 rounded-md border border-slate-200 p-3"
      onSubmit={async (event) => {
        event.preventDefault();
        if (understood === null) return;
        await props.onSubmit({ understood, reason });
      }}
    >
      <fieldset className="flex gap-4">
        <legend className="mb-1 text-xs font-medium text-slate-700">
          Would a customer get it?
        </legend>
        <label className="flex items-center gap-1">
          <input
            type="radio"
            name="understood"
            checked={understood === true}
            onChange={() => setUnderstood(true)}
          />
          Yes
        </label>
        <label className="flex items-center gap-1">
          <input
            type="radio"
            name="understood"
            checked={understood === false}
            onChange={() => setUnderstood(false)}
          />
          No
        </label>
      </fieldset>
      <label className="block">
        <span className="text-xs font-medium text-slate-700">Why</span>
        <textarea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={2}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1"
        />
      </label>
      {props.error ? <p className="text-xs text-red-700">{props.error}</p> : null}
      <Button type="submit" disabled={props.busy || understood === null || !reason.trim()}>
        Record my answer
      </Button>
    </form>
  );
}
