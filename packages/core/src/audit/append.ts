import { type AuditKind, Prisma } from "@conductor/db";
import { canonicalJson } from "../versions/canonical";
import type { AuditEventInput } from "./events";

export type { AuditEventInput } from "./events";

/**
 * Appends one entry to the organisation's trail inside the caller's
 * transaction, so the entry and the change it records commit together or
 * not at all. See appendAuditEvents.
 */
export async function appendAuditEvent(tx: Prisma.TransactionClient, input: AuditEventInput) {
  const [entry] = await appendAuditEvents(tx, [input]);
  if (!entry) throw new Error("The audit entry was not written");
  return entry;
}

/** The organisation's trail lock, as a SQL expression: held until commit once evaluated. */
const auditTrailLock = (organizationId: string) =>
  Prisma.sql`pg_advisory_xact_lock(hashtextextended(${`audit:${organizationId}`}, 0))`;

/** The entries as one JSON text parameter, and when they are dated. */
function entryList(inputs: readonly AuditEventInput[]) {
  const organizationId = inputs[0]?.organizationId;
  if (!organizationId) return null;
  if (inputs.some((i) => i.organizationId !== organizationId))
    throw new Error("One append writes one organisation's trail");
  // JSON text, not array parameters: the embedded database's adapter sends
  // array parameters as plain text. The payload travels as its canonical
  // text, which is what is stored and hashed.
  const entries = JSON.stringify(
    inputs.map((input, i) => ({
      n: i + 1,
      kind: input.kind satisfies AuditKind,
      actorId: input.actorId,
      communicationId: input.communicationId ?? null,
      payload: canonicalJson(input.payload),
    })),
  );
  return { organizationId, entries, createdAt: new Date() };
}

/**
 * The CTEs after "head" (one row: the trail's last sequence and hash): the
 * entries linked from it, each hash the SQL twin of `auditHash` (as
 * `verifyAuditTrail` recomputes it), and "written", the rows inserted.
 */
function chainedEntries({
  organizationId,
  entries,
  createdAt,
}: NonNullable<ReturnType<typeof entryList>>) {
  return Prisma.sql`
    "input" AS (
      SELECT ("entry"->>'n')::int AS "n", "entry"->>'kind' AS "kind",
        "entry"->>'actorId' AS "actorId", "entry"->>'communicationId' AS "communicationId",
        "entry"->>'payload' AS "payload"
      FROM jsonb_array_elements(${entries}::jsonb) AS "entries"("entry")),
    "chain" AS (
      SELECT 0 AS "n", "sequence", "hash", NULL::text AS "kind", NULL::text AS "actorId",
        NULL::text AS "communicationId", NULL::text AS "payload", NULL::text AS "prevHash"
      FROM "head"
      UNION ALL
      SELECT "input"."n", "chain"."sequence" + 1,
        encode(sha256(convert_to(concat_ws(E'\n',
          ${organizationId}::text, ("chain"."sequence" + 1)::text, "input"."kind",
          coalesce("input"."actorId", ''), coalesce("input"."communicationId", ''),
          "input"."payload", ${String(createdAt.getTime())}::text, "chain"."hash"
        ), 'UTF8')), 'hex'),
        "input"."kind", "input"."actorId", "input"."communicationId", "input"."payload",
        "chain"."hash"
      FROM "chain" JOIN "input" ON "input"."n" = "chain"."n" + 1),
    "written" AS (
      INSERT INTO "AuditEvent" ("id", "organizationId", "sequence", "kind", "actorId",
        "communicationId", "payload", "createdAt", "prevHash", "hash")
      SELECT gen_random_uuid()::text, ${organizationId}, "sequence", "kind"::"AuditKind",
        "actorId", "communicationId", "payload",
        ${createdAt.toISOString()}::timestamptz AT TIME ZONE 'UTC', "prevHash", "hash"
      FROM "chain" WHERE "n" > 0
      RETURNING "id", "sequence", "hash")`;
}

/** The written rows in sequence order, checked to be all of them. */
function inOrder(written: { id: string; sequence: number; hash: string }[], count: number) {
  const sorted = written
    .map((entry) => ({ id: entry.id, sequence: Number(entry.sequence), hash: entry.hash }))
    .sort((a, b) => a.sequence - b.sequence);
  const last = sorted.at(-1);
  if (!last || sorted.length !== count) throw new Error("The audit entries were not written");
  return { sorted, last };
}

/**
 * Appends entries of one organisation's trail, in order, inside the caller's
 * transaction. Concurrent appends take turns: the organisation's
 * transaction-scoped advisory lock, then its head row, both held until
 * commit, so each append reads the head the last one wrote. Everything from
 * taking the lock to commit is two statements — one takes the lock, reads
 * the head and writes the entries, one moves the head — because every other
 * append in the organisation waits that long.
 *
 * The entries are chained in the database, not in the process: the head
 * they link to is only known once the lock is held, and computing the
 * hashes here meant a round trip more under the lock plus Prisma's
 * createManyAndReturn, which cost about 10 ms of the process's CPU per
 * append (50 submissions at once queued on that thread while holding the
 * lock and pooled connections).
 */
export async function appendAuditEvents(
  tx: Prisma.TransactionClient,
  inputs: readonly AuditEventInput[],
) {
  const list = entryList(inputs);
  if (!list) return [];
  const { organizationId } = list;
  // INSERT … ON CONFLICT DO UPDATE locks the head row and returns its latest
  // committed version even though this statement's snapshot predates the
  // wait (a plain SELECT after a lock taken in the same statement would not).
  // A new organisation's placeholder head (0, "") is replaced below. The
  // advisory lock is kept (taken first, as before) so a process still
  // running the previous release's append takes turns with this one.
  const written = await tx.$queryRaw<{ id: string; sequence: number; hash: string }[]>`
    WITH RECURSIVE
    "lock" AS (SELECT ${auditTrailLock(organizationId)}),
    "head" AS (
      INSERT INTO "AuditHead" ("organizationId", "sequence", "hash")
      SELECT ${organizationId}, 0, '' FROM "lock"
      ON CONFLICT ("organizationId") DO UPDATE SET "sequence" = "AuditHead"."sequence"
      RETURNING "sequence", "hash"),
    ${chainedEntries(list)}
    SELECT "id", "sequence", "hash" FROM "written"`;
  const { sorted, last } = inOrder(written, inputs.length);
  await tx.auditHead.update({
    where: { organizationId },
    data: { sequence: last.sequence, hash: last.hash },
  });
  return sorted;
}

/**
 * The same append as a query to embed in a statement the caller sends
 * anyway (as a submission's writes do): the database function
 * "audit_append" (its migration, 20261201214500) takes the lock, reads the
 * head, writes the entries and moves the head, so the caller's statement is
 * its last before commit, not two more. Its rows are the written entries;
 * `auditAppended` checks them.
 */
export function auditAppendQuery(inputs: readonly AuditEventInput[]) {
  const list = entryList(inputs);
  if (!list) return null;
  const { organizationId, entries, createdAt } = list;
  return Prisma.sql`SELECT "id", "sequence", "hash" FROM "audit_append"(${organizationId},
    ${entries}::jsonb, ${createdAt.toISOString()}::timestamptz AT TIME ZONE 'UTC',
    ${String(createdAt.getTime())})`;
}

/** The entries `auditAppendQuery` wrote, in sequence order, checked to be all of them. */
export const auditAppended = (
  written: { id: string; sequence: number; hash: string }[],
  inputs: readonly AuditEventInput[],
) => inOrder(written, inputs.length).sorted;
