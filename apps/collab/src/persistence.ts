import type { Database } from "@conductor/db";
import { type Channel, messageSchema, toPlainText } from "@conductor/editor";
import type { Extension, onLoadDocumentPayload, onStoreDocumentPayload } from "@hocuspocus/server";
import { prosemirrorToYXmlFragment, yXmlFragmentToProsemirror } from "y-prosemirror";
import * as Y from "yjs";

/** The Yjs field the Tiptap Collaboration extension edits. */
export const FIELD = "default";

/**
 * Loads a communication's shared document from the database, and stores it
 * back — debounced by Hocuspocus — as Yjs state, editor JSON and plain text
 * in one transaction, only when the text or structure changed. The
 * communication's body follows the document, so lists, clarity scores and
 * approvals read the same text the editors see.
 */
export function persistence(db: Database): Extension {
  return {
    async onLoadDocument({ documentName, document }: onLoadDocumentPayload) {
      const communication = await db.communication.findUnique({
        where: { id: documentName },
        select: { channel: true, body: true, document: { select: { state: true } } },
      });
      if (!communication) throw new Error(`No communication ${documentName}`);
      if (communication.document) {
        Y.applyUpdate(document, new Uint8Array(communication.document.state));
      } else if (communication.body) {
        // First opening: start from the plain-text body, one paragraph per block.
        const schema = messageSchema(communication.channel as Channel);
        const paragraphs = communication.body
          .split(/\n\s*\n/)
          .map((text) =>
            schema.nodes.paragraph!.create(null, text.trim() ? schema.text(text.trim()) : null),
          );
        prosemirrorToYXmlFragment(
          schema.nodes.doc!.create(null, paragraphs),
          document.getXmlFragment(FIELD),
        );
      }
      return document;
    },

    async onStoreDocument({ documentName, document }: onStoreDocumentPayload) {
      const communication = await db.communication.findUnique({
        where: { id: documentName },
        select: { channel: true, document: { select: { json: true } } },
      });
      if (!communication) return;
      const schema = messageSchema(communication.channel as Channel);
      const doc = yXmlFragmentToProsemirror(schema, document.getXmlFragment(FIELD));
      const json = doc.toJSON();
      if (
        communication.document &&
        JSON.stringify(communication.document.json) === JSON.stringify(json)
      )
        return;
      const text = toPlainText(doc).text;
      const state = Buffer.from(Y.encodeStateAsUpdate(document));
      await db.$transaction([
        db.communicationDocument.upsert({
          where: { communicationId: documentName },
          create: { communicationId: documentName, state, json, text },
          update: { state, json, text, revision: { increment: 1 } },
        }),
        db.communication.update({ where: { id: documentName }, data: { body: text } }),
      ]);
    },
  };
}
