import { AppError, loadActor, loadCommunication, loadOwnThread } from "@conductor/core";
import type { Database } from "@conductor/db";
import {
  type Channel,
  type CollabServerMessage,
  messageSchema,
  readCollabClientMessage,
} from "@conductor/editor";
import type { Extension, onStatelessPayload } from "@hocuspocus/server";
import { Transform } from "@tiptap/pm/transform";
import { updateYFragment, yXmlFragmentToProsemirror } from "y-prosemirror";
import { FIELD } from "./persistence";

/**
 * Anyone who can read may comment, but a read-only connection cannot change
 * the document — so for those readers the server puts the new thread's
 * comment mark on the text. Only the thread's author, only a thread of this
 * communication, only a range inside the document.
 */
export function commentAnchors(db: Database): Extension {
  return {
    async onStateless({ connection, document, payload }: onStatelessPayload) {
      const message = readCollabClientMessage(payload);
      if (message?.type !== "anchor-comment") return;
      const reply = (
        answer: Omit<Extract<CollabServerMessage, { type: "anchor-result" }>, "type">,
      ) => connection.sendStateless(JSON.stringify({ type: "anchor-result", ...answer }));
      const userId = (connection.context as { user?: { userId: string } }).user?.userId;
      try {
        const actor = userId ? await loadActor(db, userId) : null;
        const ctx = { db, actor };
        const communication = await loadCommunication(ctx, document.name);
        await loadOwnThread(ctx, communication, message.threadId);
        const schema = messageSchema(communication.channel as Channel);
        const doc = yXmlFragmentToProsemirror(schema, document.getXmlFragment(FIELD));
        if (message.from >= message.to || message.to > doc.content.size)
          throw new AppError("INVALID_INPUT", "The selected text is no longer there");
        const marked = new Transform(doc).addMark(
          message.from,
          message.to,
          schema.marks.comment!.create({ threadId: message.threadId }),
        ).doc;
        updateYFragment(document, document.getXmlFragment(FIELD), marked, {
          mapping: new Map(),
          isOMark: new Map(),
        });
        reply({ requestId: message.requestId, ok: true });
      } catch (error) {
        reply({
          requestId: message.requestId,
          ok: false,
          error: error instanceof AppError ? error.message : "The comment could not be anchored",
        });
      }
    },
  };
}
