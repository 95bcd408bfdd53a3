import {
  communicationDocumentStore,
  loadCommunicationDocument,
  pendingDocumentUpdates,
} from "@conductor/core";
import type { Database } from "@conductor/db";
import { type Channel, documentFromPlainText, messageSchema } from "@conductor/editor";
import { log, metrics, timed } from "@conductor/ops";
import type { Extension, onLoadDocumentPayload, onStoreDocumentPayload } from "@hocuspocus/server";
import { prosemirrorToYXmlFragment } from "y-prosemirror";
import * as Y from "yjs";
import { documentContent, FIELD, PREHEADER_FIELD, SUBJECT_FIELD } from "./document-content";

export { FIELD, PREHEADER_FIELD, SUBJECT_FIELD } from "./document-content";

/**
 * Opens a communication's shared document from its stored state plus the
 * updates logged since (update-log.ts), and stores it back — debounced by
 * Hocuspocus — through core's `communicationDocumentStore`, the one writer of
 * the message text, folding in the logged updates the stored state holds.
 */
export function persistence(db: Database): Extension {
  const storeLatency = metrics().documentStoreDuration;
  // One store per loaded document: it remembers what it last stored, so a
  // debounced store need not read the stored JSON back (store-document.ts).
  const stores = new WeakMap<Y.Doc, DocumentStore>();
  const storeOf = (documentName: string, document: Y.Doc) => {
    let store = stores.get(document);
    if (!store) {
      store = communicationDocumentStore(db, documentName);
      stores.set(document, store);
    }
    return store;
  };
  return {
    onLoadDocument: (payload: onLoadDocumentPayload) =>
      timed(storeLatency, "load", () =>
        load(db, payload, storeOf(payload.documentName, payload.document)),
      ),
    onStoreDocument: (payload: onStoreDocumentPayload) =>
      timed(storeLatency, "store", () =>
        store(db, payload, storeOf(payload.documentName, payload.document)),
      ),
  };
}

type DocumentStore = ReturnType<typeof communicationDocumentStore>;

async function load(
  db: Database,
  { documentName, document }: onLoadDocumentPayload,
  storeDocument: DocumentStore,
) {
  const stored = await loadCommunicationDocument(db, documentName);
  if (!stored) throw new Error(`No communication ${documentName}`);
  if (stored.state) {
    Y.applyUpdate(document, stored.state);
  } else {
    document.getText(SUBJECT_FIELD).insert(0, stored.subject);
    document.getText(PREHEADER_FIELD).insert(0, stored.preheader);
    if (stored.body) {
      // First opening: the plain-text body, {{fields}} as merge fields.
      prosemirrorToYXmlFragment(
        documentFromPlainText(messageSchema(stored.channel as Channel), stored.body),
        document.getXmlFragment(FIELD),
      );
    }
    // Stored before anyone edits: every edit builds on these Yjs items,
    // and seeding again after a crash would make different ones.
    await storeDocument({
      ...documentContent(document, stored.channel as Channel),
      state: Y.encodeStateAsUpdate(document),
    });
  }
  for (const { id, update } of stored.updates) {
    try {
      Y.applyUpdate(document, update);
    } catch (error) {
      // One unreadable row must not keep the document closed for everyone.
      log("collab").error(
        { documentName, updateId: id, err: error },
        "skipped an unreadable logged update",
      );
    }
  }
  return document;
}

async function store(
  db: Database,
  { documentName, document }: onStoreDocumentPayload,
  storeDocument: DocumentStore,
) {
  const [communication, pending] = await Promise.all([
    db.communication.findUnique({ where: { id: documentName }, select: { channel: true } }),
    pendingDocumentUpdates(db, documentName),
  ]);
  if (!communication) return;
  // Only what the state below holds may leave the log: an update still
  // on its way in (or only in another collab process) stays.
  const snapshot = Y.snapshot(document);
  const foldedUpdateIds = pending
    .filter(({ update }) => Y.snapshotContainsUpdate(snapshot, update))
    .map(({ id }) => id);
  await storeDocument({
    ...documentContent(document, communication.channel as Channel),
    state: Y.encodeStateAsUpdate(document),
    foldedUpdateIds,
  });
}
