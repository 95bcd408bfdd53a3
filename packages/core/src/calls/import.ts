import { createHash, randomBytes } from "node:crypto";
import { copyRoute, copyRows, type Prisma } from "@conductor/db";
import { metrics } from "@conductor/ops";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import { CsvSyntaxError, csvRecords, delimiterOf, NotACsvFile, sniffCsv } from "./csv";
import { refreshCallDaily } from "./daily";
import { lockOrganizationCalls, recordReplaced, recordRewrittenRemovals } from "./import-changes";
import { type CallOverlap, findOverlap, type KeepChoice, keepOnly } from "./import-overlap";
import { storedWithin, writeRows } from "./import-write";
import {
  type CallColumnMapping,
  type DateFormat,
  excerpt,
  type Granularity,
  type MappedField,
  mappedFields,
  personalColumns,
  quotedColumns,
  type RowProblem,
  readCallRow,
  type WeekNumbering,
} from "./rows";
import { type SpooledUpload, type UploadLimits, uploadLimits, withSpooledUpload } from "./upload";
import { importTransactions, takeUploadSlot } from "./upload-slots";

/** How many problems a report lists; the count covers them all. */
const PROBLEMS_LISTED = 200;

export interface CallImportOptions {
  organizationId: string;
  fileName: string;
  granularity: Granularity;
  dateFormat: DateFormat;
  mapping: CallColumnMapping;
  /**
   * Columns that look like personal data which the analyst confirmed should
   * be dropped; any such column not listed here refuses the file.
   */
  dropColumns: string[];
  /** Check everything and say what would change, writing nothing. */
  dryRun: boolean;
  /** How the week column counts weeks, when the day comes from a year and a week. */
  weeks?: WeekNumbering;
  /**
   * Where totals and a breakdown of the same reason and period meet (in the
   * file, or the file and what is stored), which to keep; the import is
   * refused until this is said. "both": the rows without a breakdown are
   * calls of their own (no segment or region recorded), not totals.
   */
  keep?: KeepChoice;
}

export type CallImportResult =
  | {
      status: "imported" | "checked";
      importId: string | null;
      rows: number;
      /** Rows that are new or carry a different count (0 when the same file comes again). */
      changed: number;
      firstDay: Date | null;
      lastDay: Date | null;
      sha256: string;
      droppedColumns: string[];
      ignoredColumns: string[];
      /** Totals beside breakdowns, if any, and what was chosen. */
      overlap: CallOverlap | null;
      kept: KeepChoice | null;
      /** The file's rows left out by that choice. */
      skipped: number;
      /** Stored rows that choice removed (the other kind, for the same periods). */
      replaced: number;
    }
  | {
      status: "refused";
      /** What stopped the file as a whole (not a CSV file, personal data, a bad mapping). */
      message: string;
      personalColumns: { column: string; holds: string }[];
      problems: RowProblem[];
      problemCount: number;
      /** Present when the refusal is a question: which of totals and breakdown to keep. */
      overlap?: CallOverlap;
    };

export type ImportedBy =
  | { kind: "person"; userId: string }
  | { kind: "token"; tokenId: string; tokenName: string };

class Refusal extends Error {
  constructor(readonly result: Extract<CallImportResult, { status: "refused" }>) {
    super(result.message);
  }
}

export const refused = (
  message: string,
  extra: Partial<Extract<CallImportResult, { status: "refused" }>> = {},
) =>
  new Refusal({
    status: "refused",
    message,
    personalColumns: [],
    problems: [],
    problemCount: 0,
    ...extra,
  });

/** Reads the stream once, hashing it and keeping the first bytes for sniffing. */
async function* hashing(source: AsyncIterable<Uint8Array>, hash: ReturnType<typeof createHash>) {
  for await (const chunk of source) {
    hash.update(chunk);
    yield chunk;
  }
}

/**
 * Peeks at the start of the file — at least its first line, up to 64 KB —
 * to sniff it and find the delimiter, then yields everything from the start.
 */
export async function peek(source: AsyncIterable<Uint8Array>) {
  const iterator = source[Symbol.asyncIterator]();
  const held: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  while (size < 64 * 1024) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    held.push(next.value);
    size += next.value.length;
    if (next.value.includes(0x0a)) break;
  }
  const head = new Uint8Array(size);
  let at = 0;
  for (const chunk of held) {
    head.set(chunk, at);
    at += chunk.length;
  }
  async function* all() {
    if (head.length) yield head;
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      yield next.value;
  }
  return { head, all: all() };
}

/** Only those who may manage call volume import it or preview an upload. */
export function importAuthorized(ctx: UseCaseContext, organizationId: string) {
  return authorizeInOrganization(ctx, "calls.manage", organizationId);
}

/**
 * Receives an upload for one uploader: one of their few slots, the body
 * spooled to a temporary file (nothing touches the database until the last
 * byte is in), then `use` reads the file.
 */
export async function receiveUpload<T>(
  uploader: string,
  source: AsyncIterable<Uint8Array>,
  limits: UploadLimits,
  use: (upload: SpooledUpload) => Promise<T>,
): Promise<T> {
  const release = takeUploadSlot(uploader);
  try {
    return await withSpooledUpload(source, limits, use);
  } finally {
    release();
  }
}

const uploaderOf = (by: ImportedBy) =>
  by.kind === "person" ? `person:${by.userId}` : `token:${by.tokenId}`;

/**
 * Imports a CSV of aggregate call counts. The upload is received in full
 * first (see receiveUpload), then read from disk, streaming: rows are
 * checked one by one and copied into a staging table of the import's own
 * (COPY where the database has it). Then, in one transaction, duplicates
 * within the file and unknown reason codes are found there, and only a file
 * with no problem at all is merged into CallVolume (an upsert on the row's
 * key, so the same file again changes nothing). Any problem rolls the whole
 * transaction back and the stage is dropped: nothing is half-imported.
 */
export async function importCallVolume(
  db: UseCaseContext["db"],
  source: AsyncIterable<Uint8Array>,
  options: CallImportOptions,
  by: ImportedBy,
  limits: UploadLimits = uploadLimits,
): Promise<CallImportResult> {
  return receiveUpload(uploaderOf(by), source, limits, (upload) =>
    importReceived(db, upload.chunks(), options, by),
  );
}

/** The import proper, from a file already received whole (never from a client's socket). */
export async function importReceived(
  db: UseCaseContext["db"],
  source: AsyncIterable<Uint8Array>,
  options: CallImportOptions,
  by: ImportedBy,
  progress?: ImportProgress,
): Promise<CallImportResult> {
  const hash = createHash("sha256");
  try {
    const { head, all } = await peek(hashing(source, hash));
    try {
      sniffCsv(head);
    } catch (error) {
      if (error instanceof NotACsvFile) throw refused(error.message);
      throw error;
    }
    const records = csvRecords(all, delimiterOf(head));
    const first = await records.next().catch((error) => {
      if (error instanceof CsvSyntaxError) throw refused(error.message);
      throw error;
    });
    if (first.done) throw refused("The file is empty");
    const headers = first.value.fields;
    const index = columnIndex(headers, options.mapping, options.granularity);
    const personal = personalColumns(headers);
    const undropped = personal.filter((p) => !options.dropColumns.includes(p.column));
    const mappedPersonal = personal.filter((p) =>
      Object.values(options.mapping).includes(p.column),
    );
    if (mappedPersonal.length)
      throw refused(
        `${quotedColumns(mappedPersonal.map((p) => p.column))} cannot be imported: ${mappedPersonal
          .slice(0, 12)
          .map((p) => `"${excerpt(p.column)}" looks like ${p.holds}`)
          .join(
            "; ",
          )}. Map only dates, reason codes, counts, segments, regions and campaign references.`,
        { personalColumns: mappedPersonal },
      );
    if (undropped.length)
      throw refused(
        `The file has columns that look like personal data: ${undropped
          .slice(0, 12)
          .map((p) => `"${excerpt(p.column)}" (${p.holds})`)
          .join(
            ", ",
          )}${undropped.length > 12 ? ` and ${undropped.length - 12} more` : ""}. Conductor keeps aggregate counts only. Remove them from the file, or confirm they are dropped on import (their values are never stored).`,
        { personalColumns: undropped },
      );
    const mappedNames = new Set(Object.values(options.mapping).filter(Boolean));
    const droppedColumns = personal.map((p) => p.column);
    const ignoredColumns = headers.filter(
      (h) => !mappedNames.has(h) && !droppedColumns.includes(h),
    );

    // A few imports at a time, so the pool always has connections for everyone else.
    const started = performance.now();
    const result = await importTransactions.run(async () => {
      const stage = await createStage(db);
      try {
        const tally = await fillStage(db, stage, records, { index, headers }, options, progress);
        return await db.$transaction(
          (tx) =>
            mergeStage(tx, stage, tally, options, by, hash, { droppedColumns, ignoredColumns }),
          { timeout: 30 * 60_000, maxWait: 60_000 },
        );
      } finally {
        await db.$executeRawUnsafe(`DROP TABLE IF EXISTS "${stage}"`);
      }
    });
    // conductor_import_rows_*: rows of every import that was merged, and how fast the latest went.
    if (result.status === "imported") {
      const seconds = Math.max((performance.now() - started) / 1000, 0.001);
      metrics().importRows.inc({ kind: "calls" }, result.rows);
      metrics().importRowsPerSecond.set({ kind: "calls" }, result.rows / seconds);
    }
    return result;
  } catch (error) {
    if (error instanceof Refusal) return error.result;
    if (error instanceof DryRunDone) return error.result;
    throw error;
  }
}

const isoDay = (day: Date | null | undefined) => (day ? day.toISOString().slice(0, 10) : null);

class DryRunDone extends Error {
  constructor(readonly result: Exclude<CallImportResult, { status: "refused" }>) {
    super("dry run");
  }
}

function columnIndex(
  headers: readonly string[],
  mapping: CallColumnMapping,
  granularity: CallImportOptions["granularity"],
) {
  const byWeek = Boolean(mapping.year || mapping.week);
  if (byWeek && mapping.date)
    throw refused("Give the day as a date column or as a year and a week column, not both");
  if (byWeek && !(mapping.year && mapping.week))
    throw refused("A week needs two columns: choose both the year and the week number");
  if (!byWeek && !mapping.date)
    throw refused("Choose the date column, or a year and a week column");
  if (byWeek && granularity !== "WEEK")
    throw refused("A year and a week give weekly counts: choose that each row counts one week");
  const index = {} as Record<MappedField, number | undefined>;
  const missing: string[] = [];
  for (const field of mappedFields) {
    const column = mapping[field];
    if (!column) {
      index[field] = undefined;
      continue;
    }
    const at = headers.indexOf(column);
    if (at < 0) missing.push(`"${excerpt(column)}" (for ${field})`);
    index[field] = at < 0 ? undefined : at;
  }
  if (missing.length)
    throw refused(
      `The file has no column ${missing.join(", ")}; its columns are ${quotedColumns(headers)}`,
    );
  return index;
}

/**
 * The staging table: an ordinary UNLOGGED table of the import's own, not a
 * temporary one, because it is filled through COPY on one connection and
 * merged in a Prisma transaction on another (a temporary table is seen by
 * its own connection only). Unlogged: it is thrown away after the merge, so
 * nothing of it need survive a crash. Its name carries its creation time, so
 * a table left by a process that died mid-import is swept by a later one.
 */
const STAGE_PREFIX = "call_stage_";
/** A stage this old belongs to no running import (an import transaction may run 30 minutes). */
const STAGE_ABANDONED_MS = 6 * 3600_000;
const STAGE_COLUMNS = [
  "line",
  "day",
  "period",
  "reason",
  "segment",
  "region",
  "reference",
  "calls",
] as const;

async function createStage(db: UseCaseContext["db"]) {
  const abandoned = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT tablename AS name FROM pg_tables
     WHERE schemaname = current_schema() AND tablename LIKE '${STAGE_PREFIX}%'`,
  );
  for (const { name } of abandoned) {
    const created = Number.parseInt(name.slice(STAGE_PREFIX.length).split("_")[0] ?? "", 36);
    if (Date.now() - created > STAGE_ABANDONED_MS)
      await db.$executeRawUnsafe(`DROP TABLE IF EXISTS "${name}"`);
  }
  const name = `${STAGE_PREFIX}${Date.now().toString(36)}_${randomBytes(6).toString("hex")}`;
  await db.$executeRawUnsafe(
    `CREATE UNLOGGED TABLE "${name}" (
       line int NOT NULL, day date NOT NULL, period int NOT NULL, reason text NOT NULL,
       segment text NOT NULL, region text NOT NULL, reference text NOT NULL, calls int NOT NULL,
       -- False for rows left out by the choice between totals and breakdown.
       keep boolean NOT NULL DEFAULT true
     )`,
  );
  return name;
}

/** Told how many records have been read so far (every BATCH of them, and at the end). */
export type ImportProgress = (recordsRead: number) => void;

interface Tally {
  rows: number;
  problems: RowProblem[];
  problemCount: number;
}

/** Rows per chunk of COPY text (or per statement, without COPY). */
const BATCH = 5_000;

/**
 * Reads every record, checks it, and hands the good ones on as COPY text
 * (tab-separated, a row a line) while the database loads the chunk before:
 * validation streams beside the copy. Rows go to the stage even after a
 * problem (the import is refused later), so duplicates and unknown codes are
 * reported with the rest. readCallRow refuses control characters, so a tab or
 * line break never occurs inside a value; a backslash, COPY's escape, is doubled.
 */
async function* copyText(
  records: AsyncIterable<{ fields: string[]; line: number }>,
  columns: Parameters<typeof readCallRow>[2],
  options: CallImportOptions,
  tally: Tally,
  progress?: ImportProgress,
): AsyncGenerator<string> {
  let chunk = "";
  let inChunk = 0;
  let recordsRead = 0;
  try {
    for await (const record of records) {
      if (++recordsRead % BATCH === 0) progress?.(recordsRead);
      const read = readCallRow(
        record.fields,
        record.line,
        columns,
        options.granularity,
        options.dateFormat,
        options.weeks,
      );
      if ("problems" in read) {
        tally.problemCount += read.problems.length;
        for (const p of read.problems)
          if (tally.problems.length < PROBLEMS_LISTED) tally.problems.push(p);
        continue;
      }
      tally.rows++;
      const { day, period, reason, segment, region, reference, calls } = read.row;
      chunk += `${record.line}\t${isoDay(day)}\t${period}\t${escaped(reason)}\t${escaped(segment)}\t${escaped(region)}\t${escaped(reference)}\t${calls}\n`;
      if (++inChunk >= BATCH) {
        yield chunk;
        chunk = "";
        inChunk = 0;
      }
    }
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    tally.problemCount++;
    tally.problems.push({ line: error.line, column: "", value: "", message: error.message });
  }
  progress?.(recordsRead);
  if (chunk) yield chunk;
}

const escaped = (value: string) => (value.includes("\\") ? value.replaceAll("\\", "\\\\") : value);

/** Fills the stage: through COPY where the database has it, else by one statement per chunk. */
async function fillStage(
  db: UseCaseContext["db"],
  stage: string,
  records: AsyncIterable<{ fields: string[]; line: number }>,
  columns: Parameters<typeof readCallRow>[2],
  options: CallImportOptions,
  progress?: ImportProgress,
): Promise<Tally> {
  const tally: Tally = { rows: 0, problems: [], problemCount: 0 };
  const text = copyText(records, columns, options, tally, progress);
  if (await copyRoute(db)) {
    await copyRows(db, stage, STAGE_COLUMNS, text);
    return tally;
  }
  // One chunk is written while the next is read, so the database and the
  // parser work at the same time; a failed write surfaces at the next chunk.
  let writing: Promise<unknown> = Promise.resolve();
  try {
    for await (const chunk of text) {
      await writing;
      writing = insertChunk(db, stage, chunk);
      writing.catch(() => {});
    }
  } finally {
    // Nothing may outlive the import (the stage is dropped next) under a write still running.
    await writing.catch(() => {});
  }
  await writing;
  return tally;
}

/**
 * A chunk of COPY text as one parameter, split by the database: half the
 * time of seven array parameters (measured), whose elements the driver
 * escapes and the server parses one by one.
 */
function insertChunk(db: UseCaseContext["db"], stage: string, chunk: string) {
  const field = (n: number) => `replace(split_part(r, E'\\t', ${n}), E'\\\\\\\\', E'\\\\')`;
  return db.$executeRawUnsafe(
    `INSERT INTO "${stage}" (line, day, period, reason, segment, region, reference, calls)
     SELECT split_part(r, E'\\t', 1)::int, split_part(r, E'\\t', 2)::date,
            split_part(r, E'\\t', 3)::int, ${field(4)}, ${field(5)}, ${field(6)}, ${field(7)},
            split_part(r, E'\\t', 8)::int
     FROM unnest(string_to_array($1, E'\\n')) AS r`,
    chunk.slice(0, -1),
  );
}

/**
 * Inside one transaction: the problems only the whole file shows, then —
 * for a file with none — the upsert into CallVolume, CallDaily brought in
 * step, the import recorded and audited. A dry run does it all and rolls back.
 */
async function mergeStage(
  tx: Prisma.TransactionClient,
  stage: string,
  tally: Tally,
  options: CallImportOptions,
  by: ImportedBy,
  hash: ReturnType<typeof createHash>,
  columns: { droppedColumns: string[]; ignoredColumns: string[] },
): Promise<CallImportResult> {
  const { rows, problems } = tally;
  let { problemCount } = tally;
  const { droppedColumns, ignoredColumns } = columns;
  // Real row counts for the planner: the checks and the merge below join on this table.
  await tx.$executeRawUnsafe(`ANALYZE "${stage}"`);
  if (rows === 0 && problemCount === 0) throw refused("The file has a header but no rows");
  const fileProblems = await stagedProblems(tx, stage, options.organizationId);
  for (const p of fileProblems) if (problems.length < PROBLEMS_LISTED) problems.push(p);
  problemCount += fileProblems.length;
  if (problemCount > 0)
    throw refused(
      `${problemCount.toLocaleString("en")} problem${problemCount === 1 ? "" : "s"} in the file: nothing was imported`,
      { problems, problemCount },
    );
  const [span] = await tx.$queryRawUnsafe<{ first: Date | null; last: Date | null }[]>(
    `SELECT min(day) AS first, max(day) AS last FROM "${stage}"`,
  );
  const sha256 = hash.digest("hex");
  // From here on this import reads what is stored and changes it: one at a time per organisation.
  await lockOrganizationCalls(tx, options.organizationId);
  const found = await findOverlap(tx, stage, options.organizationId, options.granularity);
  const keep = found ? (options.keep ?? null) : null;
  if (found && !keep && !options.dryRun)
    throw refused(
      `Totals and a breakdown of the same reason meet in ${found.overlap.periods.toLocaleString("en")} period${found.overlap.periods === 1 ? "" : "s"}: added up, those calls would count twice. Choose which to keep (totals only or breakdown only), or say the rows without a breakdown are calls of their own`,
      { overlap: found.overlap },
    );
  const record = await tx.callImport.create({
    data: {
      organizationId: options.organizationId,
      source: by.kind === "person" ? "UPLOAD" : "FEED",
      fileName: options.fileName,
      sha256,
      granularity: options.granularity,
      rows,
      changed: 0,
      firstDay: span?.first ?? null,
      lastDay: span?.last ?? null,
      droppedColumns,
      importedById: by.kind === "person" ? by.userId : null,
      tokenId: by.kind === "token" ? by.tokenId : null,
    },
  });
  const target = {
    organizationId: options.organizationId,
    granularity: options.granularity,
    importId: record.id,
  };
  const { skipped, replaced } =
    found && keep && keep !== "both"
      ? await keepOnly(tx, stage, found.table, keep, target)
      : { skipped: 0, replaced: 0 };
  // Sunday-to-Saturday weeks split by New Year come as two rows of one Monday: added together.
  const source =
    options.weeks === "sunday"
      ? `(SELECT day, reason, segment, region, reference, sum(calls)::int AS calls FROM "${stage}"
          WHERE keep GROUP BY day, reason, segment, region, reference)`
      : `(SELECT day, reason, segment, region, reference, calls FROM "${stage}" WHERE keep)`;
  // Nothing stored in the file's reasons and days: nothing to replace, no key to meet.
  const nothingStored =
    replaced === 0 && span?.first && span.last
      ? !(await storedWithin(tx, stage, target, {
          first: span.first.toISOString().slice(0, 10),
          last: span.last.toISOString().slice(0, 10),
        }))
      : false;
  if (!nothingStored) await recordReplaced(tx, source, target);
  else await recordRewrittenRemovals(tx, source, target);
  const changed = await writeRows(tx, source, target, nothingStored);
  if (options.granularity === "DAY")
    await refreshCallDaily(
      tx,
      options.organizationId,
      nothingStored ? { rowsOf: source } : { staged: stage, rowsRemoved: replaced > 0 },
    );
  const result = {
    status: options.dryRun ? ("checked" as const) : ("imported" as const),
    importId: options.dryRun ? null : record.id,
    rows,
    changed,
    firstDay: span?.first ?? null,
    lastDay: span?.last ?? null,
    sha256,
    droppedColumns,
    ignoredColumns,
    overlap: found?.overlap ?? null,
    kept: keep,
    skipped,
    replaced,
  };
  // A check runs every step an import does, then undoes it.
  if (options.dryRun) throw new DryRunDone(result);
  await tx.callImport.update({ where: { id: record.id }, data: { changed } });
  await appendAuditEvent(tx, {
    organizationId: options.organizationId,
    kind: "CALL_VOLUME_IMPORTED",
    actorId: by.kind === "person" ? by.userId : null,
    payload: {
      importId: record.id,
      fileName: options.fileName,
      sha256,
      granularity: options.granularity,
      rows,
      changed,
      firstDay: isoDay(span?.first),
      lastDay: isoDay(span?.last),
      droppedColumns,
      ...(keep ? { kept: keep, skipped, replaced } : {}),
      ...(by.kind === "person"
        ? { via: "upload" as const }
        : { via: "feed" as const, tokenId: by.tokenId, tokenName: by.tokenName }),
    },
  });
  return result;
}

/** Problems only the whole file shows: a key given twice, a reason code the taxonomy lacks. */
async function stagedProblems(
  tx: Prisma.TransactionClient,
  stage: string,
  organizationId: string,
): Promise<RowProblem[]> {
  const repeated = await tx.$queryRawUnsafe<{ first: number; again: number; reason: string }[]>(
    `SELECT min(line) AS first, max(line) AS again, reason FROM "${stage}"
     GROUP BY day, period, reason, segment, region, reference HAVING count(*) > 1
     ORDER BY min(line) LIMIT ${PROBLEMS_LISTED}`,
  );
  const unknown = await tx.$queryRawUnsafe<{ line: number; reason: string; rows: number }[]>(
    `SELECT min(line) AS line, reason, count(*)::int AS rows FROM "${stage}" s
     WHERE NOT EXISTS (
       SELECT 1 FROM "CallReason" r WHERE r."organizationId" = $1 AND r."code" = s.reason)
     GROUP BY reason ORDER BY min(line) LIMIT ${PROBLEMS_LISTED}`,
    organizationId,
  );
  return [
    ...repeated.map((r) => ({
      line: Number(r.again),
      column: "",
      value: r.reason,
      message: `repeats line ${r.first} (same date, reason, segment, region and reference): give each count once`,
    })),
    ...unknown.map((u) => ({
      line: Number(u.line),
      column: "reason",
      value: u.reason,
      message: `is not a reason code in the taxonomy (${u.rows.toLocaleString("en")} row${u.rows === 1 ? "" : "s"}): add it under Reason codes on Analytics → Import call volume, or correct it`,
    })),
  ];
}
