import type { Prisma } from "@conductor/db";

type Tx = Prisma.TransactionClient;

/**
 * Imports of one organisation change CallVolume one at a time, so each
 * import's record of what it replaced (CallVolumeChange) is the state the
 * next one found. Taken before an import reads what is stored and before a
 * removal; released at commit. Imports of different organisations never wait
 * for each other.
 */
export function lockOrganizationCalls(tx: Tx, organizationId: string) {
  return tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`calls:${organizationId}`}, 0))`;
}

/** The key of CallVolume row `v` equals that of `s`, whose reason column is `reason`. */
export const sameKey = (v: string, s: string, reason = "reason") =>
  `${v}."reasonCode" = ${s}.${reason} AND ${v}.day = ${s}.day AND ${v}.segment = ${s}.segment
   AND ${v}.region = ${s}.region AND ${v}.reference = ${s}.reference`;

const CHANGE_COLUMNS = `("importId", "organizationId", granularity, "reasonCode", day, segment,
  region, reference, calls, "previousCalls", "previousImportId")`;

/**
 * Before an import writes, records what it is about to replace, so that
 * removing it can put that back: for each key whose count it changes, the
 * count and the import that set it; for each key it writes where an earlier
 * import had removed the row (choosing totals over a breakdown, say), that
 * removal. `source` yields the import's rows (reason, day, segment, region,
 * reference, calls). Keys it creates from nothing are not recorded: removing
 * the import deletes them.
 */
export async function recordReplaced(
  tx: Tx,
  source: string,
  target: { organizationId: string; granularity: string; importId: string },
) {
  await tx.$executeRawUnsafe(
    `INSERT INTO "CallVolumeChange" ${CHANGE_COLUMNS}
     SELECT $3, $1, $2::"CallGranularity", s.reason, s.day, s.segment, s.region, s.reference,
            s.calls, v.calls, v."importId"
     FROM ${source} s JOIN "CallVolume" v
       ON v."organizationId" = $1 AND v.granularity = $2::"CallGranularity" AND ${sameKey("v", "s")}
     WHERE v.calls <> s.calls`,
    target.organizationId,
    target.granularity,
    target.importId,
  );
  await recordRewrittenRemovals(tx, source, target);
}

/**
 * The half of recordReplaced that reads no CallVolume count: for each key the
 * import writes where an earlier import had removed the row, that removal.
 * Alone where nothing is stored in the file's reasons and days (see
 * storedWithin), since then no count is replaced.
 */
export async function recordRewrittenRemovals(
  tx: Tx,
  source: string,
  target: { organizationId: string; granularity: string; importId: string },
) {
  // A removal is the key's latest state when no later change names it as
  // what it replaced; such keys have no CallVolume row.
  await tx.$executeRawUnsafe(
    `INSERT INTO "CallVolumeChange" ${CHANGE_COLUMNS}
     SELECT $3, $1, $2::"CallGranularity", s.reason, s.day, s.segment, s.region, s.reference,
            s.calls, NULL, d."importId"
     FROM ${source} s JOIN "CallVolumeChange" d
       ON d."organizationId" = $1 AND d.granularity = $2::"CallGranularity"
      AND ${sameKey("d", "s")} AND d.calls IS NULL AND d."importId" <> $3
     WHERE NOT EXISTS (
         SELECT 1 FROM "CallVolume" v
         WHERE v."organizationId" = $1 AND v.granularity = $2::"CallGranularity"
           AND ${sameKey("v", "s")})
       AND NOT EXISTS (
         SELECT 1 FROM "CallVolumeChange" e
         WHERE e."organizationId" = $1 AND e."previousImportId" = d."importId"
           AND e.granularity = d.granularity AND ${sameKey("e", "d", '"reasonCode"')})`,
    target.organizationId,
    target.granularity,
    target.importId,
  );
}

export interface RemovalEffect {
  /** Rows the import created, deleted by the removal. */
  rowsRemoved: number;
  /** Rows whose count goes back to what an earlier import set. */
  rowsRestored: number;
  /** Rows the import had removed (the other of totals and breakdown), back again. */
  rowsReturned: number;
  /** Rows the import set that a later import has changed since: they keep the later count. */
  rowsLaterChanged: number;
  days: number;
  firstDay: Date | null;
  lastDay: Date | null;
  reasons: string[];
  /** Calls taken out (the import's counts) and put back (what they replaced). */
  callsRemoved: number;
  callsRestored: number;
}

/**
 * What removing import `importId` changes, into a temporary table (dropped at
 * commit) of the keys whose state it decides: those it holds in CallVolume
 * (`now` its count; `back` what it replaced, null for nothing), and those it
 * removed that nobody has written since (`now` null). Then the summary.
 */
export async function planRemoval(
  tx: Tx,
  organizationId: string,
  importId: string,
): Promise<{ table: string; effect: RemovalEffect }> {
  const table = `call_removal_${importId.replace(/\W/g, "")}`;
  await tx.$executeRawUnsafe(
    `CREATE TEMP TABLE "${table}" ON COMMIT DROP AS
     SELECT v.granularity, v."reasonCode", v.day, v.segment, v.region, v.reference,
            v.calls AS now, c."previousCalls" AS back, c."previousImportId" AS "backImport"
     FROM "CallVolume" v
     LEFT JOIN "CallVolumeChange" c
       ON c."importId" = $2 AND c.granularity = v.granularity AND ${sameKey("c", "v", '"reasonCode"')}
     WHERE v."organizationId" = $1 AND v."importId" = $2
     UNION ALL
     SELECT c.granularity, c."reasonCode", c.day, c.segment, c.region, c.reference,
            NULL, c."previousCalls", c."previousImportId"
     FROM "CallVolumeChange" c
     WHERE c."importId" = $2 AND c.calls IS NULL
       AND NOT EXISTS (
         SELECT 1 FROM "CallVolumeChange" e
         WHERE e."organizationId" = $1 AND e."previousImportId" = $2
           AND e.granularity = c.granularity AND ${sameKey("e", "c", '"reasonCode"')})`,
    organizationId,
    importId,
  );
  const [row] = await tx.$queryRawUnsafe<
    {
      removed: number;
      restored: number;
      returned: number;
      days: number;
      first: Date | null;
      last: Date | null;
      reasons: string[] | null;
      out: number;
      back: number;
    }[]
  >(
    `SELECT (count(*) FILTER (WHERE now IS NOT NULL AND back IS NULL))::int AS removed,
            (count(*) FILTER (WHERE now IS NOT NULL AND back IS NOT NULL))::int AS restored,
            (count(*) FILTER (WHERE now IS NULL AND back IS NOT NULL))::int AS returned,
            count(DISTINCT day)::int AS days, min(day) AS first, max(day) AS last,
            (SELECT array_agg(r ORDER BY r) FROM (SELECT DISTINCT "reasonCode" AS r FROM "${table}") x)
              AS reasons,
            coalesce(sum(now), 0)::bigint AS out, coalesce(sum(back), 0)::bigint AS back
     FROM "${table}"`,
  );
  const [later] = await tx.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "CallVolumeChange"
     WHERE "organizationId" = $1 AND "previousImportId" = $2`,
    organizationId,
    importId,
  );
  return {
    table,
    effect: {
      rowsRemoved: row?.removed ?? 0,
      rowsRestored: row?.restored ?? 0,
      rowsReturned: row?.returned ?? 0,
      rowsLaterChanged: later?.n ?? 0,
      days: row?.days ?? 0,
      firstDay: row?.first ?? null,
      lastDay: row?.last ?? null,
      reasons: row?.reasons ?? [],
      callsRemoved: Number(row?.out ?? 0),
      callsRestored: Number(row?.back ?? 0),
    },
  };
}

/**
 * Carries out a planned removal: the import's counts out, what they replaced
 * back, the rows it removed returned; a later change that replaced this
 * import's count now replaces what this import had replaced; its own records
 * go.
 */
export async function applyRemoval(
  tx: Tx,
  organizationId: string,
  importId: string,
  table: string,
) {
  const key = (v: string) =>
    `v.granularity = ${v}.granularity AND ${sameKey("v", v, '"reasonCode"')}`;
  await tx.$executeRawUnsafe(
    `UPDATE "CallVolume" v SET calls = p.back, "importId" = p."backImport" FROM "${table}" p
     WHERE v."organizationId" = $1 AND p.now IS NOT NULL AND p.back IS NOT NULL AND ${key("p")}`,
    organizationId,
  );
  await tx.$executeRawUnsafe(
    `DELETE FROM "CallVolume" v USING "${table}" p
     WHERE v."organizationId" = $1 AND p.now IS NOT NULL AND p.back IS NULL AND ${key("p")}`,
    organizationId,
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO "CallVolume"
       ("organizationId", granularity, "reasonCode", day, segment, region, reference, calls, "importId")
     SELECT $1, granularity, "reasonCode", day, segment, region, reference, back, "backImport"
     FROM "${table}" WHERE now IS NULL AND back IS NOT NULL
     ON CONFLICT DO NOTHING`,
    organizationId,
  );
  await tx.$executeRawUnsafe(
    `UPDATE "CallVolumeChange" e
     SET "previousCalls" = c."previousCalls", "previousImportId" = c."previousImportId"
     FROM "CallVolumeChange" c
     WHERE e."organizationId" = $1 AND e."previousImportId" = $2 AND c."importId" = $2
       AND c.granularity = e.granularity AND ${sameKey("c", "e", '"reasonCode"')}`,
    organizationId,
    importId,
  );
  // The rest replaced keys this import had created from nothing.
  await tx.$executeRawUnsafe(
    `UPDATE "CallVolumeChange" SET "previousCalls" = NULL, "previousImportId" = NULL
     WHERE "organizationId" = $1 AND "previousImportId" = $2`,
    organizationId,
    importId,
  );
  await tx.$executeRawUnsafe(`DELETE FROM "CallVolumeChange" WHERE "importId" = $1`, importId);
}
