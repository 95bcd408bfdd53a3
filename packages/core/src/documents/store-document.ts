import type { Database, Prisma } from "@conductor/db";
import { canonicallyEqual } from "../versions/canonical";

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
 * What a store remembers of the stored JSON: at `revision`, the stored JSON
 * is canonically the same as `json` (a document this store wrote or found
 * equal to the stored one).
 */
interface KnownJson {
  revision: number;
  json: unknown;
}

/**
 * The one writer of a communication's message text. Stores the shared
 * document as Yjs state, editor JSON and plain text, and the communication's
 * body, subject and preheader with it, in one transaction. Unchanged content
 * writes nothing but the state that replaces the folded log rows, so the
 * revision counts real changes.
 *
 * The returned function stores one communication again and again (the
 * collaboration server's debounced store) and remembers the JSON it last
 * stored: while the stored revision is the one it wrote, it compares with
 * that instead of reading the stored JSON back, compares without building
 * canonical strings (`canonicallyEqual`), and
 * it writes the JSON as one text parameter rather than through the ORM,
 * which walks every key of it (twice for an upsert). On a 2,000-word
 * message with 200 suggestions those three were most of a store's time on
 * the collaboration server's one thread. Another writer bumps the
 * revision, and the next store reads the stored JSON again. Each call
 * returns whether the content changed.
 */
export function communicationDocumentStore(db: Database, communicationId: string) {
  let known: KnownJson | null = null;
  return async (content: StoredDocumentContent): Promise<boolean> => {
    const remembered = known;
    const current = await db.communication.findUnique({
      where: { id: communicationId },
      select: { subject: true, preheader: true, document: { select: { revision: true } } },
    });
    if (!current) return false;
    const folded = content.foldedUpdateIds ?? [];
    const { json, text, subject, preheader } = content;
    const state = new Uint8Array(content.state);
    const stored = current.document;
    const sameJson = async (revision: number) => {
      if (remembered?.revision === revision) return canonicallyEqual(json, remembered.json);
      const row = await db.communicationDocument.findUnique({
        where: { communicationId },
        select: { json: true },
      });
      // Canonical: jsonb gives keys back in its own order, not the editor's.
      return row !== null && canonicallyEqual(json, row.json);
    };
    const unchanged =
      stored !== null &&
      current.subject === subject &&
      current.preheader === preheader &&
      (await sameJson(stored.revision));
    const deleteFolded = db.communicationDocumentUpdate.deleteMany({
      where: { communicationId, id: { in: [...folded] } },
    });
    if (unchanged) {
      // What it remembered still holds; else the JSON just read is this one.
      if (remembered?.revision !== stored.revision) known = { revision: stored.revision, json };
      // The folded updates may hold history later edits build on (typed and
      // deleted again): their state must outlive their log rows.
      if (folded.length > 0)
        await db.$transaction([
          db.communicationDocument.update({ where: { communicationId }, data: { state } }),
          deleteFolded,
        ]);
      return false;
    }
    const communication = db.communication.update({
      where: { id: communicationId },
      data: { body: text, subject, preheader },
    });
    const rest = folded.length > 0 ? [deleteFolded] : [];
    if (stored === null) {
      // The first store (the seeding at first opening): once per document.
      const [created] = await db.$transaction([
        db.communicationDocument.upsert({
          where: { communicationId },
          create: { communicationId, state, json, text },
          update: { state, json, text, revision: { increment: 1 } },
          select: { revision: true },
        }),
        communication,
        ...rest,
      ]);
      known = { revision: created.revision, json };
      return true;
    }
    // What the ORM's update writes: updatedAt is its @updatedAt, the UTC
    // time of the write in milliseconds (a TIMESTAMP(3) without zone).
    const [updated] = await db.$transaction([
      db.$queryRaw<{ revision: number }[]>`
        UPDATE "CommunicationDocument"
        SET "state" = ${state}, "json" = ${JSON.stringify(json)}::jsonb, "text" = ${text},
            "revision" = "revision" + 1, "updatedAt" = ${new Date().toISOString()}::timestamp(3)
        WHERE "communicationId" = ${communicationId}
        RETURNING "revision"`,
      communication,
      ...rest,
    ]);
    const revision = updated[0]?.revision;
    known = revision === undefined ? null : { revision, json };
    return true;
  };
}

/** One store of a communication's document (see `communicationDocumentStore`). */
export function storeCommunicationDocument(
  db: Database,
  communicationId: string,
  content: StoredDocumentContent,
): Promise<boolean> {
  return communicationDocumentStore(db, communicationId)(content);
}
