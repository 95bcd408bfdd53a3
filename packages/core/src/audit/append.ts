import type { AuditKind, Prisma } from "@conductor/db";
import { canonicalJson } from "../versions/canonical";
import { type AuditLink, auditHash } from "./chain";
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

/**
 * Appends entries of one organisation's trail, in order, inside the caller's
 * transaction. Concurrent appends take turns: the organisation's
 * transaction-scoped advisory lock, then its head row, both held until
 * commit, so each append reads the head the last one wrote. Everything from
 * taking the lock to commit is done in as few round trips as the database
 * allows — one statement takes the lock and reads the head, one writes the
 * entries, one the new head — because every other append in the
 * organisation waits that long.
 */
export async function appendAuditEvents(
  tx: Prisma.TransactionClient,
  inputs: readonly AuditEventInput[],
) {
  const organizationId = inputs[0]?.organizationId;
  if (!organizationId) return [];
  if (inputs.some((i) => i.organizationId !== organizationId))
    throw new Error("One append writes one organisation's trail");
  // INSERT … ON CONFLICT DO UPDATE locks the head row and returns its latest
  // committed version even though this statement's snapshot predates the
  // wait (a plain SELECT after a lock taken in the same statement would not).
  // A new organisation's placeholder head (0, "") is replaced below. The
  // advisory lock is kept (taken first, as before) so a process still
  // running the previous release's append takes turns with this one.
  const [head] = await tx.$queryRaw<{ sequence: number; hash: string }[]>`
    WITH "lock" AS (SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${organizationId}`}, 0)))
    INSERT INTO "AuditHead" ("organizationId", "sequence", "hash")
    SELECT ${organizationId}, 0, '' FROM "lock"
    ON CONFLICT ("organizationId") DO UPDATE SET "sequence" = "AuditHead"."sequence"
    RETURNING "sequence", "hash"`;
  let sequence = head?.sequence ?? 0;
  let prevHash = head?.hash ?? "";
  const createdAt = new Date();
  const rows = inputs.map((input) => {
    const link: AuditLink & { kind: AuditKind } = {
      organizationId,
      sequence: ++sequence,
      kind: input.kind,
      actorId: input.actorId,
      communicationId: input.communicationId ?? null,
      payload: canonicalJson(input.payload),
      createdAt,
      prevHash,
    };
    prevHash = auditHash(link);
    return { ...link, hash: prevHash };
  });
  const entries = await tx.auditEvent.createManyAndReturn({
    data: rows,
    select: { id: true, sequence: true, hash: true },
  });
  await tx.auditHead.update({
    where: { organizationId },
    data: { sequence, hash: prevHash },
  });
  return entries.sort((a, b) => a.sequence - b.sequence);
}
