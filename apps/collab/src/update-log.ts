import { appendDocumentUpdates } from "@conductor/core";
import type { Database } from "@conductor/db";
import {
  type beforeHandleMessagePayload,
  Connection,
  type Extension,
  IncomingMessage,
  MessageType,
  type onChangePayload,
} from "@hocuspocus/server";
import { messageYjsSyncStep2, messageYjsUpdate } from "y-protocols/sync";
import * as Y from "yjs";
import type { SuggestionGuard } from "./suggestion-guard";

/** The transaction origin of updates another collab process logged (extension-redis). */
const REDIS_ORIGIN = "__hocuspocus__redis__origin__";

/**
 * The editor counts an edit as saved when the server answers its update
 * message (SyncStatus after applying it; unsyncedChanges drops to 0). That
 * answer goes out right after Hocuspocus applies the message, and the only
 * hook it awaits first is beforeHandleMessage, so each update is appended to
 * the database log there: an acknowledged edit is on disk, whatever happens
 * to this process before the debounced store folds the log into the state.
 *
 * The others need not wait for that write: once checked, an edit is applied
 * here at once (so Hocuspocus passes it on), and only its author's answer
 * waits for the log. An edit the others hold before it is on disk is no
 * weaker than one they hold after: its author has no answer yet and sends it
 * again on reconnecting, and every other client that holds it does the same.
 * A failed write still closes the author's connection; what it applied is
 * stored with the next debounced store.
 */
export function updateLog(db: Database, guard?: SuggestionGuard): Extension {
  const append = groupedAppends((documentName, updates) =>
    appendDocumentUpdates(db, documentName, updates),
  );
  // A connection's later messages wait for its earlier updates, so a version
  // saved right after typing still holds the typing.
  const unwritten = new WeakMap<Connection, Promise<void>>();

  return {
    async beforeHandleMessage({ connection, document, update }: beforeHandleMessagePayload) {
      if (connection.readOnly) return; // Hocuspocus refuses their updates
      const edit = editIn(update, document);
      if (!edit) {
        // Awaited as is (a failed write fails this message too), so messages
        // resume in the order they came.
        const earlier = unwritten.get(connection);
        if (earlier) await earlier;
        return;
      }
      // Checked first (suggestions only, during a review): a refused update
      // is never applied or written, and what this connection sends next waits for it.
      const checked = guard ? guard(connection, document, edit) : Promise.resolve();
      const written = checked.then(() => {
        // With the connection as origin, as Hocuspocus applies it: passed on
        // to everyone else now. Its own apply after this hook adds nothing.
        Y.applyUpdate(document, edit, connection);
        return append(document.name, edit);
      });
      unwritten.set(connection, written);
      await written;
      if (unwritten.get(connection) === written) unwritten.delete(connection);
    },

    // Changes the server makes itself (a restored version, a reader's
    // comment anchor) are logged as they happen; nobody waits on them.
    async onChange({ documentName, update, transactionOrigin }: onChangePayload) {
      if (transactionOrigin instanceof Connection || transactionOrigin === REDIS_ORIGIN) return;
      append(documentName, update).catch((error) =>
        console.error(`collab: a server change to ${documentName} was not logged`, error),
      );
    },
  };
}

/**
 * The Yjs update a client message carries, if it may change the document:
 * an update, or a sync step 2 (a client's offline edits) with something the
 * document lacks. Malformed updates are not logged: Hocuspocus refuses them.
 */
function editIn(message: Uint8Array, document: Y.Doc): Uint8Array | null {
  try {
    const incoming = new IncomingMessage(message);
    incoming.readVarString(); // document name
    const type = incoming.readVarUint();
    if (type !== MessageType.Sync && type !== MessageType.SyncReply) return null;
    const step = incoming.readVarUint();
    if (step !== messageYjsUpdate && step !== messageYjsSyncStep2) return null;
    const update = incoming.readVarUint8Array();
    Y.parseUpdateMeta(update);
    if (step === messageYjsSyncStep2 && Y.snapshotContainsUpdate(Y.snapshot(document), update))
      return null;
    return update;
  } catch {
    return null;
  }
}

/**
 * Appends per document as a group commit: while one write is in flight, the
 * updates that arrive wait together for the next one, so a burst of
 * keystrokes costs a few statements rather than one each.
 */
function groupedAppends(write: (documentName: string, updates: Uint8Array[]) => Promise<void>) {
  const collecting = new Map<string, { updates: Uint8Array[]; written: Promise<void> }>();
  const lastWrite = new Map<string, Promise<void>>();
  return (documentName: string, update: Uint8Array): Promise<void> => {
    let batch = collecting.get(documentName);
    if (!batch) {
      const updates: Uint8Array[] = [];
      const previous = lastWrite.get(documentName) ?? Promise.resolve();
      const written = previous
        .catch(() => undefined)
        .then(() => {
          collecting.delete(documentName);
          return write(documentName, updates);
        });
      batch = { updates, written };
      collecting.set(documentName, batch);
      lastWrite.set(documentName, written);
      written.then(
        () => lastWrite.get(documentName) === written && lastWrite.delete(documentName),
        () => lastWrite.get(documentName) === written && lastWrite.delete(documentName),
      );
    }
    batch.updates.push(update);
    return batch.written;
  };
}
