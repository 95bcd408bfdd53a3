import type { Database, Prisma } from "@conductor/db";
import { canonicalJson } from "../versions/canonical";

export interface StoredDocumentContent {
  /** The whole Yjs state (`Y.encodeStateAsUpdate`). */
  state: Uint8Array;
  /** The editor document (ProseMirror JSON) the state renders to. */
  json: Prisma.InputJsonValue;
  /** Its plain text, as `toPlainText` reads it: what lists, scores and approvals judge. */
  text: string;
  subject: string;
  preheader: string;
  /** Logged updates this state already holds: deleted in the same transaction. */
  foldedUpdateIds?: readonly bigint[];
}

/**
 * The one writer of a communication's message text. Stores the shared
 * document as Yjs state, editor JSON and plain text, and the communication's
 * body, subject and preheader with it, in one transaction. Unchanged content
 * writes nothing but the state that replaces the folded log rows, so the
 * revision counts real changes.
 * Returns whether the content changed.
 */
export async function storeCommunicationDocument(
  db: Database,
  communicationId: string,
  content: StoredDocumentContent,
): Promise<boolean> {
  const current = await db.communication.findUnique({
    where: { id: communicationId },
    select: { subject: true, preheader: true, document: { select: { json: true } } },
  });
  if (!current) return false;
  const folded = content.foldedUpdateIds ?? [];
  const { json, text, subject, preheader } = content;
  const state = new Uint8Array(content.state);
  const unchanged =
    current.document !== null &&
    // Canonical: jsonb gives keys back in its own order, not the editor's.
    canonicalJson(current.document.json) === canonicalJson(json) &&
    current.subject === subject &&
    current.preheader === preheader;
  const deleteFolded = db.communicationDocumentUpdate.deleteMany({
    where: { communicationId, id: { in: [...folded] } },
  });
  if (unchanged) {
    // The folded updates may hold history later edits build on (typed and
    // deleted again): their state must outlive their log rows.
    if (folded.length > 0)
      await db.$transaction([
        db.communicationDocument.update({ where: { communicationId }, data: { state } }),
        deleteFolded,
      ]);
    return false;
  }
  await db.$transaction([
    db.communicationDocument.upsert({
      where: { communicationId },
      create: { communicationId, state, json, text },
      update: { state, json, text, revision: { increment: 1 } },
    }),
    db.communication.update({
      where: { id: communicationId },
      data: { body: text, subject, preheader },
    }),
    ...(folded.length > 0 ? [deleteFolded] : []),
  ]);
  return true;
}
