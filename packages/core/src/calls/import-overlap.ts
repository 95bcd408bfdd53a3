import type { Prisma } from "@conductor/db";
import { sameKey } from "./import-changes";

type Tx = Prisma.TransactionClient;

export type KeepChoice = "totals" | "breakdown" | "both";

/**
 * Totals and breakdowns that count the same calls twice: for a reason and
 * period, rows with no segment, region or reference beside rows with one.
 * Summed (as the chart and the analyses do), the calls would be counted twice.
 */
export interface CallOverlap {
  /** Reason and period pairs holding both. */
  periods: number;
  /** …of which the breakdown adds up exactly to the total. */
  addUp: number;
  reasons: string[];
  firstDay: Date | null;
  lastDay: Date | null;
  /** Rows in each kind, from this file and already stored. */
  totals: { inFile: number; stored: number };
  breakdown: { inFile: number; stored: number };
  /** The earlier imports whose rows meet this file's. */
  storedImports: { id: string; fileName: string }[];
  /** The period with the largest total, as the two kinds count it. */
  largest: { reason: string; day: Date; totals: number; breakdown: number } | null;
}

/** A row without segment, region or reference: a total, as opposed to a part of a breakdown. */
const total = (alias: string) =>
  `(${alias}.segment = '' AND ${alias}.region = '' AND ${alias}.reference = '')`;

/**
 * Finds the reason and period pairs where totals and a breakdown meet — in
 * the file alone, or the file against what earlier imports stored (a
 * national file, then a file by province) — and describes them for the
 * analyst. The pairs go into a temporary table (dropped at commit) that
 * `keepOnly` reads. Null when there are none.
 */
export async function findOverlap(
  tx: Tx,
  stage: string,
  organizationId: string,
  granularity: string,
): Promise<{ table: string; overlap: CallOverlap } | null> {
  const table = `${stage}_overlap`;
  // Which kinds each (reason, day) holds, in the file and in storage; a pair
  // holding both kinds, counted together, is an overlap.
  await tx.$executeRawUnsafe(
    `CREATE TEMP TABLE "${table}" ON COMMIT DROP AS
     WITH f AS (
       SELECT reason, day, bool_or(${total("s")}) AS t, bool_or(NOT ${total("s")}) AS b
       FROM "${stage}" s GROUP BY reason, day
     ), c AS (
       SELECT v."reasonCode" AS reason, v.day,
              bool_or(${total("v")}) AS t, bool_or(NOT ${total("v")}) AS b
       FROM "CallVolume" v JOIN f ON f.reason = v."reasonCode" AND f.day = v.day
       WHERE v."organizationId" = $1 AND v.granularity = $2::"CallGranularity"
       GROUP BY 1, 2
     )
     SELECT f.reason, f.day FROM f LEFT JOIN c USING (reason, day)
     WHERE (f.t OR coalesce(c.t, false)) AND (f.b OR coalesce(c.b, false))`,
    organizationId,
    granularity,
  );
  // Fresh and unanalysed, it would be planned as one row: real counts for the joins below.
  await tx.$executeRawUnsafe(`ANALYZE "${table}"`);
  // What each kind counts per pair: the file's rows, and stored rows the file
  // does not replace. One statement, the rows gathered once.
  const [found] = await tx.$queryRawUnsafe<
    {
      periods: number;
      addUp: number;
      first: Date | null;
      last: Date | null;
      reasons: string[] | null;
      tf: number;
      ts: number;
      bf: number;
      bs: number;
      imports: string[] | null;
      largest: { reason: string; day: string; t: number; b: number } | null;
    }[]
  >(
    `WITH e AS MATERIALIZED (
       SELECT s.reason, s.day, ${total("s")} AS t, s.calls, true AS "inFile", NULL AS "importId"
       FROM "${stage}" s JOIN "${table}" o USING (reason, day)
       UNION ALL
       SELECT v."reasonCode", v.day, ${total("v")}, v.calls, false, v."importId"
       FROM "CallVolume" v JOIN "${table}" o ON o.reason = v."reasonCode" AND o.day = v.day
       WHERE v."organizationId" = $1 AND v.granularity = $2::"CallGranularity"
         AND NOT EXISTS (SELECT 1 FROM "${stage}" s WHERE ${sameKey("v", "s")})
     ), g AS MATERIALIZED (
       SELECT reason, day, sum(calls) FILTER (WHERE t) AS t,
              coalesce(sum(calls) FILTER (WHERE NOT t), 0) AS b
       FROM e GROUP BY reason, day
     )
     SELECT (SELECT count(*) FROM g)::int AS periods,
            (SELECT count(*) FROM g WHERE t = b)::int AS "addUp",
            (SELECT min(day) FROM g) AS first, (SELECT max(day) FROM g) AS last,
            (SELECT array_agg(r ORDER BY r) FROM (SELECT DISTINCT reason AS r FROM g LIMIT 20) x)
              AS reasons,
            (SELECT count(*) FROM e WHERE t AND "inFile")::int AS tf,
            (SELECT count(*) FROM e WHERE t AND NOT "inFile")::int AS ts,
            (SELECT count(*) FROM e WHERE NOT t AND "inFile")::int AS bf,
            (SELECT count(*) FROM e WHERE NOT t AND NOT "inFile")::int AS bs,
            (SELECT array_agg(DISTINCT "importId") FROM e WHERE "importId" IS NOT NULL) AS imports,
            (SELECT json_build_object('reason', reason, 'day', day, 't', t, 'b', b) FROM g
             ORDER BY t DESC NULLS LAST, reason, day LIMIT 1) AS largest`,
    organizationId,
    granularity,
  );
  if (!found?.periods) return null;
  const storedImports = await tx.callImport.findMany({
    where: { id: { in: found.imports ?? [] } },
    select: { id: true, fileName: true },
    orderBy: { createdAt: "asc" },
    take: 20,
  });
  const { largest } = found;
  return {
    table,
    overlap: {
      periods: found.periods,
      addUp: found.addUp,
      reasons: found.reasons ?? [],
      firstDay: found.first,
      lastDay: found.last,
      totals: { inFile: found.tf, stored: found.ts },
      breakdown: { inFile: found.bf, stored: found.bs },
      storedImports,
      largest: largest
        ? {
            reason: largest.reason,
            day: new Date(largest.day),
            totals: Number(largest.t),
            breakdown: Number(largest.b),
          }
        : null,
    },
  };
}

/**
 * Applies the analyst's choice to the overlapping pairs: the file's rows of
 * the other kind are left out (kept in the stage, marked), and stored rows
 * of the other kind are removed — each removal recorded as this import's
 * change, so removing the import brings them back.
 */
export async function keepOnly(
  tx: Tx,
  stage: string,
  overlapTable: string,
  keep: Exclude<KeepChoice, "both">,
  target: { organizationId: string; granularity: string; importId: string },
): Promise<{ skipped: number; replaced: number }> {
  const drop = (alias: string) => (keep === "totals" ? `NOT ${total(alias)}` : total(alias));
  const skipped = await tx.$executeRawUnsafe(
    `UPDATE "${stage}" s SET keep = false FROM "${overlapTable}" o
     WHERE o.reason = s.reason AND o.day = s.day AND ${drop("s")}`,
  );
  const replaced = await tx.$executeRawUnsafe(
    `WITH gone AS (
       DELETE FROM "CallVolume" v USING "${overlapTable}" o
       WHERE v."organizationId" = $1 AND v.granularity = $2::"CallGranularity"
         AND v."reasonCode" = o.reason AND v.day = o.day AND ${drop("v")}
       RETURNING v.*
     )
     INSERT INTO "CallVolumeChange"
       ("importId", "organizationId", granularity, "reasonCode", day, segment, region, reference,
        calls, "previousCalls", "previousImportId")
     SELECT $3, $1, granularity, "reasonCode", day, segment, region, reference,
            NULL, calls, "importId"
     FROM gone`,
    target.organizationId,
    target.granularity,
    target.importId,
  );
  return { skipped, replaced };
}
