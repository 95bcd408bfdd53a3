"use client";
import { functionLabels } from "@conductor/core/labels";
import { Button } from "@conductor/ui";
import { useQuery } from "@tanstack/react-query";
import { clsx } from "clsx";
import { useEffect, useState } from "react";
import { formatDateTime } from "~/components/format";
import { AcceptedChange } from "~/components/review/accepted-change";
import { useTRPC } from "~/trpc/react";
import { WordDiff } from "./word-diff";

const kindLabels = { NAMED: "Saved", AUTOMATIC: "Automatic", RESTORE: "Restored" } as const;

/**
 * Named versions, automatic ones, a word diff between any two, and restore
 * (as a new change). Saving and restoring go through the collaboration
 * server, which holds the live document.
 */
export function VersionsPanel(props: {
  communicationId: string;
  canEdit: boolean;
  /** Bumped when the server says the versions changed. */
  revision: number;
  save(name: string): Promise<{ id: string; number: number }>;
  restore(versionId: string): Promise<{ id: string; number: number }>;
}) {
  const trpc = useTRPC();
  const versions = useQuery(
    trpc.versions.list.queryOptions({ communicationId: props.communicationId }),
  );
  const { refetch } = versions;
  useEffect(() => {
    if (props.revision > 0) void refetch();
  }, [props.revision, refetch]);
  const [name, setName] = useState("");
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const list = versions.data ?? [];
  const compare = useQuery(
    trpc.versions.compare.queryOptions(
      { communicationId: props.communicationId, fromVersionId: from, toVersionId: to },
      { enabled: Boolean(from && to && from !== to) },
    ),
  );

  /** Returns whether it worked; the list is refreshed after, without holding anything up. */
  const act = async (
    run: () => Promise<{ number: number }>,
    done: (versionNumber: number) => string,
  ) => {
    setMessage(null);
    try {
      setMessage({ tone: "ok", text: done((await run()).number) });
    } catch (error) {
      setMessage({ tone: "error", text: (error as Error).message });
      return false;
    }
    void refetch();
    return true;
  };

  return (
    <div className="space-y-4">
      {props.canEdit ? (
        <form
          className="flex items-end gap-2"
          onSubmit={async (event) => {
            event.preventDefault();
            // Cleared as soon as it is saved (not after the list reloads), so a name
            // typed for the next version is never wiped.
            if (
              await act(
                () => props.save(name),
                (n) => `Saved as version ${n}`,
              )
            )
              setName("");
          }}
        >
          <label className="flex-1 text-xs font-medium text-slate-700">
            Version name
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="e.g. After legal review"
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm font-normal"
            />
          </label>
          <Button type="submit" disabled={!name.trim()}>
            Save version
          </Button>
        </form>
      ) : null}
      {message ? (
        <p
          role="status"
          className={clsx("text-sm", message.tone === "ok" ? "text-emerald-800" : "text-red-700")}
        >
          {message.text}
        </p>
      ) : null}

      {list.length === 0 ? (
        <p className="text-sm text-slate-500">No versions yet.</p>
      ) : (
        <ol className="divide-y divide-slate-100 text-sm" aria-label="Versions">
          {list.map((version) => (
            <li key={version.id} className="flex items-start justify-between gap-2 py-2">
              <div>
                <p className="font-medium text-slate-900">
                  v{version.number} · {version.name}
                </p>
                <p className="text-xs text-slate-500">
                  {kindLabels[version.kind]} by {version.author.name} ·{" "}
                  {formatDateTime(version.createdAt)}
                </p>
                <p className="font-mono text-[11px] text-slate-600" title="SHA-256 of the content">
                  {version.contentHash.slice(0, 16)}…
                </p>
              </div>
              {props.canEdit ? (
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() => {
                    if (
                      window.confirm(
                        `Restore version ${version.number}? The current text is kept as a version first.`,
                      )
                    )
                      void act(
                        () => props.restore(version.id),
                        (n) => `Version ${version.number} restored (now version ${n})`,
                      );
                  }}
                >
                  Restore
                </Button>
              ) : null}
            </li>
          ))}
        </ol>
      )}

      {list.length >= 2 ? (
        <section aria-label="Compare versions">
          <h3 className="text-sm font-semibold text-slate-900">Compare</h3>
          <div className="mt-1 flex gap-2 text-xs">
            {(
              [
                ["From", from, setFrom],
                ["To", to, setTo],
              ] as const
            ).map(([label, value, set]) => (
              <label key={label} className="flex-1">
                {label}
                <select
                  aria-label={`${label} version`}
                  value={value}
                  onChange={(e) => set(e.target.value)}
                  className="mt-1 block w-full rounded-md border border-slate-300 px-1 py-1"
                >
                  <option value="">Choose…</option>
                  {list.map((v) => (
                    <option key={v.id} value={v.id}>
                      v{v.number} · {v.name}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          {compare.data ? (
            <div className="mt-2 rounded-md border border-slate-200 bg-white p-3">
              <p className="mb-2 text-xs text-slate-500">
                {compare.data.added} addition(s), {compare.data.removed} removal(s)
              </p>
              <WordDiff parts={compare.data.parts} testId="version-diff" />
              {compare.data.acceptedSuggestions.length > 0 ? (
                <div className="mt-3 border-t border-slate-100 pt-2">
                  <p className="text-xs font-medium text-slate-700">
                    Suggestions accepted between them
                  </p>
                  <ul aria-label="Accepted suggestions" className="mt-1 grid gap-1 text-xs">
                    {compare.data.acceptedSuggestions.map((s) => (
                      <li key={`${s.auditSequence}-${s.suggestionId}`} className="text-slate-700">
                        <AcceptedChange {...s} /> — proposed by {s.authorName}
                        {s.authorFunction
                          ? ` (${functionLabels[s.authorFunction as keyof typeof functionLabels] ?? s.authorFunction})`
                          : ""}
                        , accepted by {s.acceptedByName} · {formatDateTime(s.acceptedAt)}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
