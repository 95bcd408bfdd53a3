import { loadActor } from "@conductor/core";
import type { Database } from "@conductor/db";
import { type Channel, messageSchema, suggestionOnlyChange } from "@conductor/editor";
import type { Connection, Document } from "@hocuspocus/server";
import * as Y from "yjs";
import { PREHEADER_FIELD, SUBJECT_FIELD } from "./document-content";
import type { EditRights } from "./edit-rights";
import { changedBlocks, type FollowingCopy, followingCopy } from "./following-copy";

/** Why a connection was closed after an edit that only a suggestion could make, as the browser reads it. */
export const SUGGESTIONS_ONLY_REASON = "suggestions-only";

interface Person {
  userId: string;
  functions: string[];
  channel: Channel;
}

/** The refusal Hocuspocus turns into closing this document's connection. */
const refused = (why: string) =>
  Object.assign(new Error(why), { code: 4403, reason: SUGGESTIONS_ONLY_REASON });

/**
 * While a review is open, everyone but the owner may only suggest: an update
 * from them must leave the accepted text (and subject and preheader) as it
 * was and touch only their own suggestions. The update log (update-log.ts)
 * asks this before it writes an update, on a copy of the document; a refused update
 * is not logged, not applied and not passed on, and the connection is closed
 * (the client's copy now holds an edit the document never will, and Yjs
 * would hold back every later edit of theirs behind it), so the editor
 * reopens the document fresh. Read-only connections never get here:
 * Hocuspocus refuses their updates itself. Whether a review is open is
 * remembered per connection (edit-rights.ts) and forgotten on a signal.
 */
export function suggestionGuard(db: Database, rights: EditRights) {
  // Updates this guard let through that the document may not have applied
  // yet (they wait on the update log): the next update is checked after them.
  const passed = new WeakMap<Connection, Uint8Array[]>();
  // One check at a time per connection, in the order messages came.
  const queue = new WeakMap<Connection, Promise<unknown>>();
  const people = new WeakMap<Connection, Promise<Person | null>>();
  // Per document, the copy edits are tried on (made once, not per update).
  const copies = new WeakMap<Document, FollowingCopy>();
  const copyOf = (document: Document) => {
    let copy = copies.get(document);
    if (!copy) {
      copy = followingCopy(document);
      copies.set(document, copy);
    }
    return copy;
  };
  /** After a refused (or unreadable) edit the copy holds it: the next check makes another. */
  const discardCopy = (document: Document) => {
    copies.get(document)?.dispose();
    copies.delete(document);
  };

  const personOf = (connection: Connection, document: Document) => {
    let person = people.get(connection);
    if (!person) {
      const userId = (connection.context as { user?: { userId: string } }).user?.userId;
      person = (async () => {
        if (!userId) return null;
        const [actor, communication] = await Promise.all([
          loadActor(db, userId),
          db.communication.findUnique({
            where: { id: document.name },
            select: { organizationId: true, channel: true },
          }),
        ]);
        const membership = actor?.memberships.find(
          (m) => m.organizationId === communication?.organizationId,
        );
        if (!membership || !communication) return null;
        return {
          userId,
          functions: membership.functions,
          channel: communication.channel as Channel,
        };
      })();
      people.set(connection, person);
    }
    return person;
  };

  async function check(connection: Connection, document: Document, edit: Uint8Array) {
    const person = await personOf(connection, document);
    if (!person) throw refused("Collaboration connection refused");
    const applied = Y.snapshot(document);
    const earlier = (passed.get(connection) ?? []).filter(
      (update) => !Y.snapshotContainsUpdate(applied, update),
    );
    passed.set(connection, earlier);
    if (!(await rights.allowed(connection, person.userId, document.name))) {
      let why: string | null;
      try {
        why = suggestionCheck(copyOf(document), earlier, edit, person);
      } catch (error) {
        discardCopy(document);
        throw error;
      }
      if (why) {
        discardCopy(document);
        throw refused(why);
      }
    }
    earlier.push(edit);
  }

  /** Resolves once `edit` may be logged and applied; throws (closing the connection) if not. */
  return function guard(connection: Connection, document: Document, edit: Uint8Array) {
    const previous = queue.get(connection) ?? Promise.resolve();
    const mine = previous.catch(() => undefined).then(() => check(connection, document, edit));
    queue.set(connection, mine);
    return mine;
  };
}

export type SuggestionGuard = ReturnType<typeof suggestionGuard>;

/** Null if `edit` only makes suggestions of this person's; otherwise why not. */
function suggestionCheck(
  following: FollowingCopy,
  earlier: Uint8Array[],
  edit: Uint8Array,
  person: Person,
): string | null {
  const schema = messageSchema(person.channel);
  const { copy } = following;
  for (const update of earlier) Y.applyUpdate(copy, update);
  const read = () => ({
    doc: following.body(schema),
    subject: copy.getText(SUBJECT_FIELD).toString(),
    preheader: copy.getText(PREHEADER_FIELD).toString(),
  });
  const before = read();
  Y.applyUpdate(copy, edit);
  // An update that builds on something the server lacks cannot be judged
  // (its effect would appear later, unchecked).
  if (copy.store.pendingStructs || copy.store.pendingDs)
    return "This edit builds on changes the server does not have";
  const after = read();
  if (before.subject !== after.subject || before.preheader !== after.preheader)
    return "Only suggestions can be made now: the subject and preheader cannot change";
  return suggestionOnlyChange(...changedBlocks(before.doc, after.doc), {
    id: person.userId,
    functions: person.functions,
  });
}
