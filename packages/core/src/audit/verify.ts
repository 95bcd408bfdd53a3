import type { Database } from "@conductor/db";
import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import { type ChainBreak, describeBreak } from "./chain";

export interface AuditVerification {
  ok: boolean;
  checked: number;
  problem: ChainBreak | null;
  message: string;
}

interface FirstProblem {
  id: string;
  sequence: number;
  previousSequence: number | null;
  previousId: string | null;
  altered: boolean;
  relinked: boolean;
}

/**
 * Walks an organisation's trail in the database: every entry's hash is
 * recomputed there (the SQL twin of `auditHashInput`), each link compared
 * with the entry before it, and only the first entry that fails comes back —
 * 100,000 entries are checked without leaving the database. Entries cut
 * from the end are caught by comparing with the trail's recorded head.
 */
export async function verifyAuditTrail(
  db: Database,
  organizationId: string,
): Promise<AuditVerification> {
  const [problem] = await db.$queryRaw<FirstProblem[]>`
    WITH chain AS (
      SELECT "id", "sequence", "hash", "prevHash",
        lag("hash") OVER w AS "previousHash",
        lag("sequence") OVER w AS "previousSequence",
        lag("id") OVER w AS "previousId",
        encode(sha256(convert_to(concat_ws(E'\n',
          "organizationId", "sequence"::text, "kind"::text,
          coalesce("actorId", ''), coalesce("communicationId", ''), "payload",
          (floor(extract(epoch FROM "createdAt") * 1000))::bigint::text, "prevHash"
        ), 'UTF8')), 'hex') AS "recomputed"
      FROM "AuditEvent"
      WHERE "organizationId" = ${organizationId}
      WINDOW w AS (ORDER BY "sequence")
    )
    SELECT "id", "sequence", "previousSequence", "previousId",
      "recomputed" <> "hash" AS "altered",
      "prevHash" <> coalesce("previousHash", '') AS "relinked"
    FROM chain
    WHERE "sequence" <> coalesce("previousSequence", 0) + 1
      OR "recomputed" <> "hash"
      OR "prevHash" <> coalesce("previousHash", '')
    ORDER BY "sequence"
    LIMIT 1`;
  const fail = (found: ChainBreak, checked: number): AuditVerification => ({
    ok: false,
    checked,
    problem: found,
    message: describeBreak(found),
  });
  if (problem) {
    const sequence = Number(problem.sequence);
    const expected = Number(problem.previousSequence ?? 0) + 1;
    if (sequence !== expected)
      return fail(
        { kind: "missing", sequence: expected, afterId: problem.previousId },
        expected - 1,
      );
    return fail(
      { kind: problem.altered ? "altered" : "relinked", sequence, id: problem.id },
      sequence - 1,
    );
  }
  // Entries cut from the end leave a shorter chain that still links up.
  const [last, head] = await Promise.all([
    db.auditEvent.findFirst({
      where: { organizationId },
      orderBy: { sequence: "desc" },
      select: { id: true, sequence: true, hash: true },
    }),
    db.auditHead.findUnique({ where: { organizationId } }),
  ]);
  const checked = last?.sequence ?? 0;
  if (head && (head.sequence !== checked || head.hash !== last?.hash)) {
    return head.sequence > checked
      ? fail({ kind: "missing", sequence: checked + 1, afterId: last?.id ?? null }, checked)
      : fail({ kind: "relinked", sequence: checked, id: last?.id ?? "" }, checked);
  }
  return {
    ok: true,
    checked,
    problem: null,
    message: `All ${checked} entries verified: nothing altered or removed`,
  };
}

/** Verifies the organisation's trail for an admin or comms manager (the page's button). */
export async function verifyOrganizationTrail(ctx: UseCaseContext, organizationId: string) {
  authorizeInOrganization(ctx, "audit.verify", organizationId);
  const started = performance.now();
  const result = await verifyAuditTrail(ctx.db, organizationId);
  return { ...result, milliseconds: Math.round(performance.now() - started) };
}
