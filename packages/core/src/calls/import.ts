import { createHash } from "node:crypto";
import type { Prisma } from "@conductor/db";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import { CsvSyntaxError, csvRecords, delimiterOf, NotACsvFile, sniffCsv } from "./csv";
import { refreshCallDaily } from "./daily";
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
} from "./rows";
import { type SpooledUpload, type UploadLimits, uploadLimits, withSpooledUpload } from "./upload";
import { importTransactions, takeUploadSlot } from "./upload-slots";

/** How many problems a report lists; the count covers them all. */
const PROBLEMS_LISTED = 200;
/** Rows per statement into the staging table. */
const BATCH = 5_000;

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
    }
  | {
      status: "refused";
      /** What stopped the file as a whole (not a CSV file, personal data, a bad mapping). */
      message: string;
      personalColumns: { column: string; holds: string }[];
      problems: RowProblem[];
      problemCount: number;
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
 * checked one by one and written in batches to a staging table inside one
 * transaction; duplicates within the file and unknown reason codes are
 * found there, and only a file with no problem at all is merged into
 * CallVolume (an upsert on the row's key, so the same file again changes
 * nothing). Any problem rolls the whole transaction back: nothing is
 * half-imported.
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
    const index = columnIndex(headers, options.mapping);
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
    const outcome = await importTransactions.run(() =>
      db.$transaction(
        async (tx) => {
          await tx.$executeRawUnsafe(
            `CREATE TEMP TABLE call_stage (
             line int NOT NULL, day date NOT NULL, reason text NOT NULL, segment text NOT NULL,
             region text NOT NULL, reference text NOT NULL, calls int NOT NULL
           ) ON COMMIT DROP`,
          );
          const problems: RowProblem[] = [];
          let problemCount = 0;
          let rows = 0;
          let batch = emptyBatch();
          // One batch is written while the next is read, so the database and
          // the parser work at the same time; a failed write surfaces at the next flush.
          let writing: Promise<void> = Promise.resolve();
          const flush = async () => {
            await writing;
            if (batch.rows.length) {
              writing = stage(tx, batch);
              writing.catch(() => {});
            }
            batch = emptyBatch();
          };
          try {
            for await (const record of records) {
              const read = readCallRow(
                record.fields,
                record.line,
                { index, headers },
                options.granularity,
                options.dateFormat,
              );
              if ("problems" in read) {
                problemCount += read.problems.length;
                for (const p of read.problems)
                  if (problems.length < PROBLEMS_LISTED) problems.push(p);
                continue;
              }
              rows++;
              // Rows go to the staging table even after a problem (it is rolled
              // back), so duplicates and unknown codes are reported with the rest.
              const { day, reason, segment, region, reference, calls } = read.row;
              batch.rows.push(
                `${record.line}${FIELD}${day.toISOString().slice(0, 10)}${FIELD}${reason}${FIELD}${segment}${FIELD}${region}${FIELD}${reference}${FIELD}${calls}`,
              );
              if (batch.rows.length >= BATCH) await flush();
            }
          } catch (error) {
            if (!(error instanceof CsvSyntaxError)) {
              // The transaction must not end under a write still running.
              await writing.catch(() => {});
              throw error;
            }
            problemCount++;
            problems.push({ line: error.line, column: "", value: "", message: error.message });
          }
          await flush();
          await writing;
          // Real row counts for the planner: the checks and the merge below join on this table.
          await tx.$executeRawUnsafe("ANALYZE call_stage");
          if (rows === 0 && problemCount === 0) throw refused("The file has a header but no rows");
          const found = await stagedProblems(tx, options.organizationId);
          for (const p of found) if (problems.length < PROBLEMS_LISTED) problems.push(p);
          problemCount += found.length;
          if (problemCount > 0)
            throw refused(
              `${problemCount.toLocaleString("en")} problem${problemCount === 1 ? "" : "s"} in the file: nothing was imported`,
              { problems, problemCount },
            );
          const [span] = await tx.$queryRawUnsafe<{ first: Date | null; last: Date | null }[]>(
            `SELECT min(day) AS first, max(day) AS last FROM call_stage`,
          );
          const sha256 = hash.digest("hex");
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
          const changed = await tx.$executeRawUnsafe(
            `INSERT INTO "CallVolume"
             ("organizationId", "granularity", "day", "reasonCode", "segment", "region", "reference", "calls", "importId")
           SELECT $1, $2::"CallGranularity", day, reason, segment, region, reference, calls, $3
           FROM call_stage
           -- In key order, the primary key's B-tree is filled page by page, not at random.
           ORDER BY reason, day, segment, region, reference
           ON CONFLICT ("organizationId", "granularity", "reasonCode", "day", "segment", "region", "reference")
           DO UPDATE SET "calls" = EXCLUDED."calls", "importId" = EXCLUDED."importId"
           WHERE "CallVolume"."calls" <> EXCLUDED."calls"`,
            options.organizationId,
            options.granularity,
            record.id,
          );
          if (options.granularity === "DAY")
            await refreshCallDaily(tx, options.organizationId, "staged");
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
              ...(by.kind === "person"
                ? { via: "upload" as const }
                : { via: "feed" as const, tokenId: by.tokenId, tokenName: by.tokenName }),
            },
          });
          return result;
        },
        { timeout: 30 * 60_000, maxWait: 60_000 },
      ),
    );
    return outcome;
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

function columnIndex(headers: readonly string[], mapping: CallColumnMapping) {
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
 * Staged rows travel as one text parameter per batch — fields joined by the
 * unit separator, rows by the record separator — and are split by the
 * database: half the time of seven array parameters (measured), whose elements the
 * driver escapes and the server parses one by one. readCallRow refuses
 * control characters, so neither separator can occur inside a value.
 */
const FIELD = "\x1f";
const ROW = "\x1e";

function emptyBatch() {
  return { rows: [] as string[] };
}

async function stage(tx: Prisma.TransactionClient, batch: ReturnType<typeof emptyBatch>) {
  await tx.$executeRawUnsafe(
    `INSERT INTO call_stage (line, day, reason, segment, region, reference, calls)
     SELECT split_part(r, E'\\x1f', 1)::int, split_part(r, E'\\x1f', 2)::date,
            split_part(r, E'\\x1f', 3), split_part(r, E'\\x1f', 4), split_part(r, E'\\x1f', 5),
            split_part(r, E'\\x1f', 6), split_part(r, E'\\x1f', 7)::int
     FROM unnest(string_to_array($1, E'\\x1e')) AS r`,
    batch.rows.join(ROW),
  );
}

/** Problems only the whole file shows: a key given twice, a reason code the taxonomy lacks. */
async function stagedProblems(
  tx: Prisma.TransactionClient,
  organizationId: string,
): Promise<RowProblem[]> {
  const repeated = await tx.$queryRawUnsafe<{ first: number; again: number; reason: string }[]>(
    `SELECT min(line) AS first, max(line) AS again, reason FROM call_stage
     GROUP BY day, reason, segment, region, reference HAVING count(*) > 1
     ORDER BY min(line) LIMIT ${PROBLEMS_LISTED}`,
  );
  const unknown = await tx.$queryRawUnsafe<{ line: number; reason: string; rows: number }[]>(
    `SELECT min(line) AS line, reason, count(*)::int AS rows FROM call_stage s
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
