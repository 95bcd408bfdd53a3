"use client";
import type {
  CallColumnMapping,
  KeepChoice,
  StoredImportResult,
  WeekNumbering,
} from "@conductor/core";
import { Alert, Button, Card } from "@conductor/ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { formatDate } from "~/components/format";
import { useTRPC } from "~/trpc/react";
import { ImportProgress, type SettledImport } from "./import-progress";

type CallImportResult = StoredImportResult;
type CallOverlap = NonNullable<
  Extract<CallImportResult, { status: "checked" | "imported" }>["overlap"]
>;

type Preview =
  | { ok: false; message: string }
  | {
      ok: true;
      delimiter: string;
      headers: string[];
      sample: string[][];
      suggested: Partial<CallColumnMapping>;
      personalColumns: { column: string; holds: string }[];
    };

// The day is required one way or the other: a date, or a year and a week
// (required "either": no "(optional)" on their labels).
const fields = [
  ["date", "Date (or a year and a week number)", "either"],
  ["year", "Year (with a week number, instead of a date)", "either"],
  ["week", "Week number (with the year)", "either"],
  ["reason", "Reason code", true],
  ["calls", "Calls", true],
  ["segment", "Segment", false],
  ["region", "Region", false],
  ["reference", "Campaign or message reference", false],
] as const;

/**
 * Upload in three steps: the first 64 KB for a preview and a suggested
 * mapping; a check of the whole file (nothing written) that lists every
 * problem by line and column; then the import, all or nothing. The check and
 * the import are jobs: the upload returns at once and a progress bar follows
 * the worker, for a file of ten rows as for one of a million — one way of
 * working, and a large file never holds a request open for minutes.
 */
export function CallImporter(props: { organizationId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [mapping, setMapping] = useState<Partial<CallColumnMapping>>({});
  const [granularity, setGranularity] = useState<"DAY" | "WEEK">("DAY");
  const [dateFormat, setDateFormat] = useState<"iso" | "dmy" | "mdy">("iso");
  const [drop, setDrop] = useState<string[]>([]);
  const [weeks, setWeeks] = useState<WeekNumbering>("iso");
  const [keep, setKeep] = useState<KeepChoice | null>(null);
  const [result, setResult] = useState<CallImportResult | null>(null);
  const [busy, setBusy] = useState<null | "preview" | "check" | "import">(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [job, setJob] = useState<{
    importId: string;
    dryRun: boolean;
    /** Set when the page found it running on opening (sent before, or from another tab). */
    resumedFile?: string;
  } | null>(null);

  // A check or import sent before the page was opened again is followed
  // again, once: leaving the page never leaves the person guessing.
  const underWay = useQuery(
    trpc.calls.importUnderWay.queryOptions(
      { organizationId: props.organizationId },
      { staleTime: Number.POSITIVE_INFINITY },
    ),
  );
  const resumed = useRef(false);
  useEffect(() => {
    const running = underWay.data;
    if (resumed.current || !running) return;
    resumed.current = true;
    setJob(
      (current) =>
        current ?? {
          importId: running.importId,
          dryRun: running.dryRun,
          resumedFile: running.fileName,
        },
    );
  }, [underWay.data]);

  const settled = useCallback(
    async (outcome: SettledImport) => {
      setJob(null);
      setBusy(null);
      if (outcome.state === "LOST" || !outcome.result) {
        setFailure(outcome.error ?? "The job ended without an answer");
        return;
      }
      setResult(outcome.result);
      if (outcome.result.status === "imported")
        await queryClient.invalidateQueries({ queryKey: trpc.calls.settings.queryKey() });
    },
    [queryClient, trpc],
  );

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setPreview(null);
    setResult(null);
    setFailure(null);
    setDrop([]);
    setKeep(null);
    if (!chosen) return;
    setBusy("preview");
    try {
      const response = await fetch(
        `/api/call-volume/preview?organizationId=${encodeURIComponent(props.organizationId)}`,
        { method: "POST", body: chosen.slice(0, 64 * 1024) },
      );
      const body = (await response.json()) as Preview & { error?: string };
      if (!response.ok) throw new Error(body.error ?? `Preview failed (${response.status})`);
      setPreview(body);
      if (body.ok) {
        setMapping(body.suggested);
        const weekColumn = body.suggested.week ? body.headers.indexOf(body.suggested.week) : -1;
        if (weekColumn >= 0) {
          setGranularity("WEEK");
          // A week 0 is no ISO week: the weeks count from the year's first Sunday.
          setWeeks(body.sample.some((row) => row[weekColumn] === "0") ? "sunday" : "iso");
        }
      }
    } catch (error) {
      setFailure((error as Error).message);
    } finally {
      setBusy(null);
    }
  };

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? "check" : "import");
    setFailure(null);
    try {
      const query = new URLSearchParams({
        organizationId: props.organizationId,
        fileName: file.name,
        granularity,
        dateFormat,
        mapping: JSON.stringify(mapping),
        drop: JSON.stringify(drop),
        dryRun: dryRun ? "1" : "0",
        weeks,
        ...(keep ? { keep } : {}),
      });
      const response = await fetch(`/api/call-volume/imports?${query}`, {
        method: "POST",
        body: file,
      });
      const body = (await response.json()) as { importId?: string; error?: string };
      if (response.status !== 202 || !body.importId)
        throw new Error(body.error ?? `Upload failed (${response.status})`);
      // Busy until the job is over: ImportProgress reports back.
      setJob({ importId: body.importId, dryRun });
    } catch (error) {
      setFailure((error as Error).message);
      setBusy(null);
    }
  };

  const byWeek = Boolean(mapping.year || mapping.week);
  const ready = Boolean(
    mapping.reason &&
      mapping.calls &&
      (byWeek ? mapping.year && mapping.week && !mapping.date : mapping.date),
  );
  const overlap = result && result.status !== "refused" ? result.overlap : null;
  /** A change to what is read makes the last check stale. */
  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setResult(null);
      setKeep(null);
    };
  const personal = preview?.ok ? preview.personalColumns : [];
  const unconfirmed = personal.filter((p) => !drop.includes(p.column));

  return (
    <Card title="Upload a CSV file">
      <label htmlFor="call-file" className="text-sm font-medium text-slate-800">
        CSV file (daily or weekly counts)
      </label>
      <input
        id="call-file"
        type="file"
        accept=".csv,text/csv,text/plain"
        onChange={(e) => choose(e.target.files?.[0] ?? null)}
        className="mt-1 block text-sm"
      />
      {busy === "preview" ? <p className="mt-2 text-sm text-slate-500">Reading…</p> : null}
      {failure ? (
        <div className="mt-3">
          <Alert tone="error" title="Something went wrong">
            {failure}
          </Alert>
        </div>
      ) : null}
      {job?.resumedFile && !preview?.ok ? (
        <div className="mt-4 space-y-2 text-sm">
          <p className="text-slate-700">
            Your {job.dryRun ? "check" : "import"} of <strong>{job.resumedFile}</strong>, sent
            earlier, is still running.
          </p>
          <ImportProgress
            key={job.importId}
            importId={job.importId}
            dryRun={job.dryRun}
            onSettled={settled}
          />
        </div>
      ) : null}
      {result && !preview?.ok ? (
        <div className="mt-4 text-sm">
          <ImportReport result={result} />
        </div>
      ) : null}
      {preview && !preview.ok ? (
        <div className="mt-3">
          <Alert tone="error" title="Not a CSV file we can read">
            {preview.message}
          </Alert>
        </div>
      ) : null}
      {preview?.ok ? (
        <div className="mt-4 space-y-4 text-sm">
          <section aria-label="Preview">
            <h3 className="mb-1 font-medium text-slate-900">
              Preview ({preview.delimiter === "\t" ? "tab" : `"${preview.delimiter}"`}-separated)
            </h3>
            <div className="overflow-x-auto rounded-md border border-slate-200">
              <table className="w-full text-left text-xs">
                <thead className="bg-slate-50 text-slate-600">
                  <tr>
                    {preview.headers.map((h) => (
                      <th key={h} className="px-2 py-1 font-medium">
                        {h}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {preview.sample.slice(0, 5).map((row, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity
                    <tr key={i} className="border-t border-slate-100">
                      {row.map((cell, j) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional
                        <td key={j} className="px-2 py-1">
                          {personal.some((p) => p.column === preview.headers[j]) ? "•••" : cell}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          {personal.length ? (
            <fieldset className="rounded-md border border-amber-300 bg-amber-50 p-3">
              <legend className="px-1 font-medium text-amber-900">Personal data in the file</legend>
              <p className="mb-2 text-amber-900">
                These columns look like personal data. Conductor keeps aggregate counts only: the
                file is refused unless you confirm each is dropped (its values are never stored).
              </p>
              {personal.map((p) => (
                <label key={p.column} className="flex items-center gap-2">
                  <input
                    type="checkbox"
                    checked={drop.includes(p.column)}
                    onChange={(e) =>
                      setDrop(
                        e.target.checked ? [...drop, p.column] : drop.filter((c) => c !== p.column),
                      )
                    }
                  />
                  Drop “{p.column}” ({p.holds})
                </label>
              ))}
            </fieldset>
          ) : null}

          <fieldset className="grid gap-3 sm:grid-cols-2">
            <legend className="mb-1 font-medium text-slate-900">Columns</legend>
            {fields.map(([field, label, required]) => (
              <div key={field}>
                <label htmlFor={`map-${field}`} className="text-xs font-medium text-slate-700">
                  {label}
                  {required === false ? " (optional)" : ""}
                </label>
                <select
                  id={`map-${field}`}
                  value={mapping[field] ?? ""}
                  onChange={(e) => {
                    changed(setMapping)({ ...mapping, [field]: e.target.value || undefined });
                    // A year and a week give weekly counts.
                    if ((field === "year" || field === "week") && e.target.value)
                      setGranularity("WEEK");
                  }}
                  className="mt-1 block w-full rounded-md border border-slate-300 px-1 py-1"
                >
                  <option value="">
                    {required === true ? "Choose a column" : "Not in the file"}
                  </option>
                  {preview.headers
                    .filter((h) => !personal.some((p) => p.column === h))
                    .map((h) => (
                      <option key={h} value={h}>
                        {h}
                      </option>
                    ))}
                </select>
              </div>
            ))}
            <div>
              <label htmlFor="granularity" className="text-xs font-medium text-slate-700">
                Each row counts
              </label>
              <select
                id="granularity"
                value={granularity}
                onChange={(e) => changed(setGranularity)(e.target.value as "DAY" | "WEEK")}
                className="mt-1 block w-full rounded-md border border-slate-300 px-1 py-1"
              >
                <option value="DAY">one day</option>
                <option value="WEEK">one week (date = its Monday, or 2026-W09)</option>
              </select>
            </div>
            <div>
              <label htmlFor="date-format" className="text-xs font-medium text-slate-700">
                Dates are written
              </label>
              <select
                id="date-format"
                value={dateFormat}
                onChange={(e) => changed(setDateFormat)(e.target.value as "iso" | "dmy" | "mdy")}
                className="mt-1 block w-full rounded-md border border-slate-300 px-1 py-1"
              >
                <option value="iso">2026-03-01</option>
                <option value="dmy">01/03/2026 (day first)</option>
                <option value="mdy">03/01/2026 (month first)</option>
              </select>
            </div>
            {mapping.week ? (
              <div className="sm:col-span-2">
                <label htmlFor="week-numbering" className="text-xs font-medium text-slate-700">
                  Weeks are numbered
                </label>
                <select
                  id="week-numbering"
                  value={weeks}
                  onChange={(e) => changed(setWeeks)(e.target.value as WeekNumbering)}
                  className="mt-1 block w-full rounded-md border border-slate-300 px-1 py-1"
                >
                  <option value="iso">
                    ISO 8601: Monday to Sunday, week 1 holds the year's first Thursday
                  </option>
                  <option value="sunday">
                    Sunday to Saturday, week 0 before the year's first Sunday (ISTAT, %U)
                  </option>
                </select>
                <p className="mt-1 text-xs text-slate-600">
                  Each week is stored under its Monday
                  {weeks === "sunday"
                    ? " (the Monday inside it); the two halves of the week around 1 January are added together."
                    : "."}
                </p>
              </div>
            ) : null}
          </fieldset>

          <div className="flex gap-2">
            <Button
              variant="secondary"
              onClick={() => send(true)}
              busy={busy === "check"}
              disabled={!ready || unconfirmed.length > 0 || busy !== null}
            >
              Check the file
            </Button>
            <Button
              onClick={() => send(false)}
              busy={busy === "import"}
              disabled={
                !ready ||
                unconfirmed.length > 0 ||
                busy !== null ||
                result?.status !== "checked" ||
                Boolean(overlap && !keep)
              }
            >
              Import
            </Button>
          </div>
          {!ready ? (
            <p className="text-xs text-slate-600">
              Choose the reason and calls columns, and a date column or a year and a week column.
            </p>
          ) : null}
          {job ? (
            <ImportProgress
              key={job.importId}
              importId={job.importId}
              dryRun={job.dryRun}
              onSettled={settled}
            />
          ) : null}
          <ImportReport result={result} />
          {overlap && result?.status === "checked" ? (
            <OverlapQuestion overlap={overlap} keep={keep} onKeep={setKeep} />
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}

function ImportReport(props: { result: CallImportResult | null }) {
  const { result } = props;
  if (!result) return null;
  if (result.status === "refused")
    return (
      <section aria-label="Import report" className="space-y-2" data-import-status="refused">
        <Alert tone="error" title="Not imported">
          {result.message}
        </Alert>
        {result.problems.length ? (
          <table className="w-full text-left text-xs">
            <thead className="text-slate-600">
              <tr>
                <th className="py-1">Line</th>
                <th>Column</th>
                <th>Value</th>
                <th>Problem</th>
              </tr>
            </thead>
            <tbody>
              {result.problems.map((p) => (
                <tr
                  key={`${p.line}-${p.column}-${p.message}`}
                  className="border-t border-slate-100"
                >
                  <td className="py-1">{p.line}</td>
                  <td>{p.column || "—"}</td>
                  <td className="max-w-[10rem] truncate">{p.value}</td>
                  <td>{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {result.problemCount > result.problems.length ? (
          <p className="text-xs text-slate-600">
            The first {result.problems.length} of {result.problemCount.toLocaleString("en")}{" "}
            problems.
          </p>
        ) : null}
      </section>
    );
  const days = (d: Date | string | null) => (d ? formatDate(d) : "—");
  return (
    <section aria-label="Import report" data-import-status={result.status}>
      <Alert
        tone="success"
        title={
          result.status === "imported"
            ? "Imported"
            : result.overlap
              ? "The file is sound: one question before importing"
              : "The file is ready to import"
        }
      >
        {result.rows.toLocaleString("en")} rows from {days(result.firstDay)} to{" "}
        {days(result.lastDay)};{" "}
        {result.status === "checked"
          ? `${result.changed.toLocaleString("en")} would be new or changed.`
          : `${result.changed.toLocaleString("en")} new or changed${result.changed === 0 ? " (this file was imported before)" : ""}.`}
        {result.droppedColumns.length
          ? ` Dropped, never stored: ${result.droppedColumns.join(", ")}.`
          : ""}
        {result.ignoredColumns.length ? ` Not used: ${result.ignoredColumns.join(", ")}.` : ""}
        {result.kept && result.kept !== "both"
          ? ` Kept the ${result.kept === "totals" ? "totals" : "breakdown"}: ${result.skipped.toLocaleString("en")} row${result.skipped === 1 ? "" : "s"} of the file left out, ${result.replaced.toLocaleString("en")} stored row${result.replaced === 1 ? "" : "s"} replaced.`
          : ""}
      </Alert>
    </section>
  );
}

const kindOfPeriod = (n: number) =>
  `${n.toLocaleString("en")} reason-and-period pair${n === 1 ? "" : "s"}`;

/**
 * Totals and a breakdown of the same reason and period would be added up by
 * every chart and analysis: the analyst says which to keep before importing.
 */
function OverlapQuestion(props: {
  overlap: CallOverlap;
  keep: KeepChoice | null;
  onKeep: (keep: KeepChoice) => void;
}) {
  const { overlap } = props;
  const span =
    overlap.firstDay && overlap.lastDay
      ? ` from ${formatDate(overlap.firstDay)} to ${formatDate(overlap.lastDay)}`
      : "";
  const rows = (side: { inFile: number; stored: number }) =>
    `${side.inFile.toLocaleString("en")} in this file, ${side.stored.toLocaleString("en")} already stored`;
  const options: [KeepChoice, string][] = [
    [
      "totals",
      `Totals only: leave out this file's ${overlap.breakdown.inFile.toLocaleString("en")} breakdown rows there and remove ${overlap.breakdown.stored.toLocaleString("en")} stored ones`,
    ],
    [
      "breakdown",
      `Breakdown only: leave out this file's ${overlap.totals.inFile.toLocaleString("en")} total rows there and remove ${overlap.totals.stored.toLocaleString("en")} stored ones`,
    ],
    [
      "both",
      "Both: the rows without a segment, region or reference are calls of their own, not totals",
    ],
  ];
  return (
    <fieldset
      className="rounded-md border border-amber-300 bg-amber-50 p-3"
      aria-label="Totals and breakdown"
    >
      <legend className="px-1 font-medium text-amber-900">
        Totals and a breakdown count the same calls
      </legend>
      <p className="text-amber-900">
        In {kindOfPeriod(overlap.periods)}
        {span} ({overlap.reasons.join(", ")}) there are rows with no segment, region or reference
        beside rows with one. Added up, as the charts and analyses do, those calls would count
        twice.
      </p>
      <ul className="mt-2 list-disc space-y-0.5 pl-5 text-amber-900">
        <li>
          In {overlap.addUp.toLocaleString("en")} of {overlap.periods.toLocaleString("en")} the
          breakdown adds up exactly to the total.
        </li>
        {overlap.largest ? (
          <li>
            Largest: {overlap.largest.reason} {formatDate(overlap.largest.day)}, total{" "}
            {overlap.largest.totals.toLocaleString("en")}, breakdown{" "}
            {overlap.largest.breakdown.toLocaleString("en")}.
          </li>
        ) : null}
        <li>Total rows: {rows(overlap.totals)}.</li>
        <li>Breakdown rows: {rows(overlap.breakdown)}.</li>
        {overlap.storedImports.length ? (
          <li>Stored by {overlap.storedImports.map((i) => i.fileName).join(", ")}.</li>
        ) : null}
      </ul>
      <p className="mt-2 font-medium text-amber-900">Which to keep?</p>
      {options.map(([value, label]) => (
        <label key={value} className="mt-1 flex items-start gap-2">
          <input
            type="radio"
            name="keep"
            value={value}
            checked={props.keep === value}
            onChange={() => props.onKeep(value)}
            className="mt-1"
          />
          <span>{label}</span>
        </label>
      ))}
    </fieldset>
  );
}
