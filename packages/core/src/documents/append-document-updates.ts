import type { Database } from "@conductor/db";

/**
 * Makes edits durable before they are acknowledged: the collaboration server
 * awaits this before it applies the updates and tells the editor they
 * arrived. Several updates (one batch per document) go in one statement.
 */
export async function appendDocumentUpdates(
  db: Database,
  communicationId: string,
  updates: readonly Uint8Array[],
): Promise<void> {
  if (updates.length === 0) return;
  await db.communicationDocumentUpdate.createMany({
    data: updates.map((update) => ({
      communicationId,
      update: new Uint8Array(update),
    })),
  });
}
