import { createHash } from "node:crypto";

/** The fields of an audit entry its hash covers (everything but the id and the hash). */
export interface AuditLink {
  organizationId: string;
  sequence: number;
  kind: string;
  actorId: string | null;
  communicationId: string | null;
  /** Canonical JSON text (see canonicalJson). */
  payload: string;
  createdAt: Date;
  prevHash: string;
}

/**
 * The bytes an entry's hash covers: its fields, one per line, the previous
 * hash last. Line breaks cannot occur inside a field (ids, an enum, hex, and
 * JSON, which escapes them), so the joining is unambiguous. The same
 * definition is written in SQL in `verifyAuditTrail` and `appendAuditEvents`,
 * so the database chains new entries and recomputes every hash without
 * sending the rows out; the tests hold the two to each other.
 */
export function auditHashInput(link: AuditLink): string {
  return [
    link.organizationId,
    String(link.sequence),
    link.kind,
    link.actorId ?? "",
    link.communicationId ?? "",
    link.payload,
    String(link.createdAt.getTime()),
    link.prevHash,
  ].join("\n");
}

/** SHA-256 (hex) of the entry: change any field, or the entry before it, and it changes. */
export function auditHash(link: AuditLink): string {
  return createHash("sha256").update(auditHashInput(link)).digest("hex");
}

/** Where the trail stops holding, first from the start. */
export type ChainBreak =
  /** The entry's fields no longer give its stored hash: it was edited. */
  | { kind: "altered"; sequence: number; id: string }
  /** A sequence number is missing: the entry was removed. */
  | { kind: "missing"; sequence: number; afterId: string | null }
  /** The entry does not point at the one before it: history was rewritten from here. */
  | { kind: "relinked"; sequence: number; id: string };

/** One sentence naming the first entry that was altered or removed. */
export function describeBreak(problem: ChainBreak): string {
  switch (problem.kind) {
    case "altered":
      return `Entry ${problem.sequence} (${problem.id}) was altered: its content no longer matches its hash`;
    case "missing":
      return `Entry ${problem.sequence} is missing: it was removed after entry ${problem.sequence - 1}${problem.afterId ? ` (${problem.afterId})` : ""}`;
    case "relinked":
      return `Entry ${problem.sequence} (${problem.id}) does not link to the entry before it: the trail was rewritten from here`;
  }
}
