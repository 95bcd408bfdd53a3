import type { Prisma } from "@conductor/db";
import type { UseCaseContext } from "../context";

type Executor = Pick<Prisma.TransactionClient, "$executeRawUnsafe">;

/**
 * Brings CallDaily in step with CallVolume's daily rows: for the reason and
 * day pairs in the table named (an import's stage, a removal's pairs: its
 * `reason` and `day` columns), or (`everything`) for the whole
 * organisation — after counts were written some other way (seeds, tests,
 * benchmarks).
 */
export async function refreshCallDaily(
  db: Executor | UseCaseContext["db"],
  organizationId: string,
  /**
   * `rowsRemoved`: some of the pairs may have lost their last CallVolume row.
   * `rowsOf`: a subquery (reason, day, calls) holding every CallVolume row of
   * the pairs it names — an import that wrote where nothing was stored (see
   * storedWithin) — summed as it stands instead of read back from CallVolume.
   */
  scope: { staged: string; rowsRemoved?: boolean } | { rowsOf: string } | "everything",
) {
  if (scope !== "everything" && "rowsOf" in scope) {
    await db.$executeRawUnsafe(
      `INSERT INTO "CallDaily" ("organizationId", "reasonCode", "day", "calls")
       SELECT $1, reason, day, sum(calls)::int FROM ${scope.rowsOf} s
       GROUP BY reason, day
       ON CONFLICT ("organizationId", "reasonCode", "day")
       DO UPDATE SET "calls" = EXCLUDED."calls" WHERE "CallDaily"."calls" <> EXCLUDED."calls"`,
      organizationId,
    );
    return;
  }
  // Everything: start over (one delete, one insert) rather than compare row by
  // row — an anti-join on fresh, unanalysed tables can be planned as a
  // nested loop over both.
  if (scope === "everything")
    await db.$executeRawUnsafe(
      `DELETE FROM "CallDaily" WHERE "organizationId" = $1`,
      organizationId,
    );
  const pairs =
    scope === "everything"
      ? ""
      : `AND ("reasonCode", day) IN (SELECT DISTINCT reason, day FROM "${scope.staged}")`;
  await db.$executeRawUnsafe(
    `INSERT INTO "CallDaily" ("organizationId", "reasonCode", "day", "calls")
     SELECT $1, "reasonCode", day, sum(calls)::int FROM "CallVolume"
     WHERE "organizationId" = $1 AND granularity = 'DAY' ${pairs}
     GROUP BY "reasonCode", day
     ON CONFLICT ("organizationId", "reasonCode", "day")
     DO UPDATE SET "calls" = EXCLUDED."calls" WHERE "CallDaily"."calls" <> EXCLUDED."calls"`,
    organizationId,
  );
  // A pair whose last count went (an import removed, a breakdown replaced by its total).
  if (scope !== "everything" && scope.rowsRemoved)
    await db.$executeRawUnsafe(
      `DELETE FROM "CallDaily" d
       WHERE d."organizationId" = $1
         AND (d."reasonCode", d.day) IN (SELECT reason, day FROM "${scope.staged}")
         AND NOT EXISTS (
           SELECT 1 FROM "CallVolume" v
           WHERE v."organizationId" = $1 AND v.granularity = 'DAY'
             AND v."reasonCode" = d."reasonCode" AND v.day = d.day)`,
      organizationId,
    );
}
