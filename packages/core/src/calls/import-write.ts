import type { Prisma } from "@conductor/db";

type Tx = Prisma.TransactionClient;

/** Where an import writes: its organisation and granularity, and its own record. */
export interface ImportTarget {
  organizationId: string;
  granularity: string;
  importId: string;
}

/**
 * Whether CallVolume already holds a row of any reason the stage names,
 * within the stage's days. When it holds none (a new month, a new
 * organisation), no key of the file can meet a stored one, and no reason
 * and day it touches has calls of any other import: the import can insert
 * without looking for conflicts and sum CallDaily from its own rows. A key
 * range, probed by the primary key (organisation, granularity, reason, day)
 * once per reason, so it costs a few index lookups however much is stored.
 * Asked after the organisation's import lock is taken, so nothing stored
 * changes between the answer and the writes.
 */
export async function storedWithin(
  tx: Tx,
  stage: string,
  target: Pick<ImportTarget, "organizationId" | "granularity">,
  /** The stage's first and last day, as YYYY-MM-DD. */
  span: { first: string; last: string },
): Promise<boolean> {
  const [found] = await tx.$queryRawUnsafe<{ stored: boolean }[]>(
    `SELECT EXISTS (
       SELECT 1 FROM (SELECT reason FROM "${stage}" GROUP BY reason) r
       -- LIMIT 1 in a lateral subquery: one index probe per reason, never a join over stored rows.
       CROSS JOIN LATERAL (
         SELECT 1 FROM "CallVolume" v
         WHERE v."organizationId" = $1 AND v.granularity = $2::"CallGranularity"
           AND v."reasonCode" = r.reason AND v.day BETWEEN $3::date AND $4::date
         LIMIT 1) hit
     ) AS stored`,
    target.organizationId,
    target.granularity,
    span.first,
    span.last,
  );
  return found?.stored ?? true;
}

const INSERT_INTO = `INSERT INTO "CallVolume"
  ("organizationId", "granularity", "day", "reasonCode", "segment", "region", "reference", "calls", "importId")
  SELECT $1, $2::"CallGranularity", day, reason, segment, region, reference, calls, $3`;

/**
 * Writes the import's rows (`source`: reason, day, segment, region,
 * reference, calls) into CallVolume; returns how many are new or changed.
 * `nothingStored` (see storedWithin): a plain insert, every row new — the
 * upsert's conflict check costs a speculative insertion per row. Otherwise
 * an upsert on the row's key that leaves equal counts alone, so the same
 * file again changes nothing. Both in key order, so the primary key's
 * B-tree is filled page by page, not at random.
 */
export function writeRows(
  tx: Tx,
  source: string,
  target: ImportTarget,
  nothingStored: boolean,
): Promise<number> {
  const conflict = nothingStored
    ? ""
    : `ON CONFLICT ("organizationId", "granularity", "reasonCode", "day", "segment", "region", "reference")
       DO UPDATE SET "calls" = EXCLUDED."calls", "importId" = EXCLUDED."importId"
       WHERE "CallVolume"."calls" <> EXCLUDED."calls"`;
  return tx.$executeRawUnsafe(
    `${INSERT_INTO} FROM ${source} s ORDER BY reason, day, segment, region, reference ${conflict}`,
    target.organizationId,
    target.granularity,
    target.importId,
  );
}
