"use client";
import type { StoredImportResult } from "@conductor/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTRPC } from "~/trpc/react";

/** How often the page asks how far the worker has gone. */
const POLL_MS = 500;

export type SettledImport =
  | { state: "DONE" | "FAILED"; result: StoredImportResult | null; error: string | null }
  | { state: "LOST"; error: string };

const megabytes = (bytes: number) =>
  `${(bytes / 1024 / 1024).toLocaleString("en", { maximumFractionDigits: 1 })} MB`;

/**
 * A queued check or import as the job worker runs it: a progress bar of the
 * file's bytes read, and the rows, polled until the job is over; then
 * `onSettled` once with the answer (or what stopped it).
 */
export function ImportProgress(props: {
  importId: string;
  dryRun: boolean;
  onSettled: (settled: SettledImport) => void;
}) {
  const trpc = useTRPC();
  const status = useQuery(
    trpc.calls.importStatus.queryOptions(
      { importId: props.importId },
      {
        refetchInterval: (query) => {
          const state = query.state.data?.state;
          return state === "DONE" || state === "FAILED" ? false : POLL_MS;
        },
      },
    ),
  );
  const data = status.data;
  const { onSettled } = props;
  useEffect(() => {
    if (data && (data.state === "DONE" || data.state === "FAILED"))
      onSettled({ state: data.state, result: data.result, error: data.error });
    else if (status.error) onSettled({ state: "LOST", error: status.error.message });
  }, [data, status.error, onSettled]);

  const verb = props.dryRun ? "Checking" : "Importing";
  const total = data?.bytesTotal ?? 0;
  const read = data?.bytesRead ?? 0;
  const fraction = data?.state === "DONE" ? 1 : total > 0 ? Math.min(read / total, 1) : 0;
  const percent = Math.round(fraction * 100);
  const label =
    !data || data.state === "QUEUED"
      ? `Waiting for the job worker to start ${props.dryRun ? "the check" : "the import"}…`
      : data.state === "RUNNING" && read < total
        ? `${verb}: ${megabytes(read)} of ${megabytes(total)} read, ${data.rowsRead.toLocaleString("en")} rows`
        : data.state === "RUNNING"
          ? // The last step reads nothing more: the whole file is checked (and written) at once.
            `${verb}: all ${megabytes(total)} read, ${data.rowsRead.toLocaleString("en")} rows; ${props.dryRun ? "checking them as a whole" : "writing them"}…`
          : `${verb}: done`;
  return (
    <section aria-label="Import progress" className="space-y-1" data-import-job={data?.state}>
      <div
        role="progressbar"
        aria-label={`${verb} the file`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={label}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className="h-full rounded-full bg-indigo-600 transition-[width] duration-300"
          style={{ width: `${percent}%` }}
        />
      </div>
      <p className="text-xs text-slate-600">
        {label}
        {data?.state === "RUNNING" ? ` (${percent}%)` : ""}
      </p>
    </section>
  );
}
