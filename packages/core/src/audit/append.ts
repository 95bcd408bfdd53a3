import type { AuditKind, Prisma } from "@conductor/db";
import { canonicalJson } from "../versions/canonical";
import { type AuditLink, auditHash } from "./chain";
import type { AuditEventInput } from "./events";

export type { AuditEventInput } from "./events";

/**
 * Appends one entry to the organisation's trail inside the caller's
 * transaction, so the entry and the change it records commit together or
 * not at all. A transaction-scoped advisory lock per organisation makes
 * concurrent appends take turns: each reads the head the last one wrote.
 */
export async function appendAuditEvent(tx: Prisma.TransactionClient, input: AuditEventInput) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`audit:${input.organizationId}`}, 0))`;
  const head = await tx.auditEvent.findFirst({
    where: { organizationId: input.organizationId },
    orderBy: { sequence: "desc" },
    select: { sequence: true, hash: true },
  });
  const link: AuditLink & { kind: AuditKind } = {
    organizationId: input.organizationId,
    sequence: (head?.sequence ?? 0) + 1,
    kind: input.kind,
    actorId: input.actorId,
    communicationId: input.communicationId ?? null,
    payload: canonicalJson(input.payload),
    createdAt: new Date(),
    prevHash: head?.hash ?? "",
  };
  const hash = auditHash(link);
  const entry = await tx.auditEvent.create({
    data: { ...link, hash },
    select: { id: true, sequence: true, hash: true },
  });
  await tx.auditHead.upsert({
    where: { organizationId: input.organizationId },
    create: { organizationId: input.organizationId, sequence: link.sequence, hash },
    update: { sequence: link.sequence, hash },
  });
  return entry;
}
