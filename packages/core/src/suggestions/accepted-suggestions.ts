import type { Database } from "@conductor/db";
import type { FormatSummary } from "@conductor/editor";
import type { AuditPayloads } from "../audit/events";

/** One suggestion that became part of the text: who proposed it, who accepted it, and the entry that says so. */
export interface AcceptedSuggestion {
  suggestionId: string;
  authorName: string;
  /** The review function it was proposed under, or null. */
  authorFunction: string | null;
  inserted: string;
  deleted: string;
  /** For accepted formatting: the text and the formatting it added and removed. */
  format?: FormatSummary;
  acceptedByName: string;
  acceptedAt: Date;
  /** The SUGGESTION_ACCEPTED audit entry: its place and hash in the organisation's trail. */
  auditSequence: number;
  auditHash: string;
}

/**
 * The suggestions accepted into a communication's text after `after` (null:
 * from the start) up to and including `until`, oldest first, read from the
 * audit trail, which is where a decision on suggestions is recorded. The
 * caller has authorised reading the communication.
 */
export async function acceptedSuggestions(
  db: Database,
  communicationId: string,
  window: { after: Date | null; until: Date },
): Promise<AcceptedSuggestion[]> {
  const entries = await db.auditEvent.findMany({
    where: {
      communicationId,
      kind: "SUGGESTION_ACCEPTED",
      createdAt: { ...(window.after ? { gt: window.after } : {}), lte: window.until },
    },
    orderBy: { sequence: "asc" },
    select: { sequence: true, hash: true, createdAt: true, actorId: true, payload: true },
  });
  const read = entries.map((entry) => ({
    entry,
    payload: JSON.parse(entry.payload) as AuditPayloads["SUGGESTION_ACCEPTED"],
  }));
  const ids = new Set<string>();
  for (const { entry, payload } of read) {
    if (entry.actorId) ids.add(entry.actorId);
    for (const s of payload.suggestions) ids.add(s.authorId);
  }
  const people = new Map(
    (
      await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } })
    ).map((u) => [u.id, u.name]),
  );
  const nameOf = (id: string | null) => (id && people.get(id)) || "someone no longer here";
  return read.flatMap(({ entry, payload }) =>
    payload.suggestions.map((s) => ({
      suggestionId: s.id,
      authorName: nameOf(s.authorId),
      authorFunction: s.authorFunction,
      inserted: s.inserted,
      deleted: s.deleted,
      ...(s.format ? { format: s.format } : {}),
      acceptedByName: nameOf(entry.actorId),
      acceptedAt: entry.createdAt,
      auditSequence: entry.sequence,
      auditHash: entry.hash,
    })),
  );
}
