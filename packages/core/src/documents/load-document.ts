import type { Database } from "@conductor/db";

export interface LoggedDocumentUpdate {
  id: bigint;
  update: Uint8Array;
}

/**
 * What the collaboration server opens a communication's shared document
 * from: the stored Yjs state (null before the first opening) and the updates
 * acknowledged since it was stored, oldest first, to be applied after it.
 * The body, subject and preheader seed a document that has no state yet.
 */
export async function loadCommunicationDocument(db: Database, communicationId: string) {
  const [communication, updates] = await Promise.all([
    db.communication.findUnique({
      where: { id: communicationId },
      select: {
        channel: true,
        body: true,
        subject: true,
        preheader: true,
        document: { select: { state: true } },
      },
    }),
    pendingDocumentUpdates(db, communicationId),
  ]);
  if (!communication) return null;
  const { document, ...seed } = communication;
  return { ...seed, state: document ? new Uint8Array(document.state) : null, updates };
}

/** The logged updates not yet folded into the stored state, oldest first. */
export async function pendingDocumentUpdates(
  db: Database,
  communicationId: string,
): Promise<LoggedDocumentUpdate[]> {
  const rows = await db.communicationDocumentUpdate.findMany({
    where: { communicationId },
    orderBy: { id: "asc" },
    select: { id: true, update: true },
  });
  return rows.map((row) => ({ id: row.id, update: new Uint8Array(row.update) }));
}
