import type { Database } from "@conductor/db";
import { type Channel, documentFromPlainText, messageSchema, toPlainText } from "@conductor/editor";
import type { Extension, onLoadDocumentPayload, onStoreDocumentPayload } from "@hocuspocus/server";
import { prosemirrorToYXmlFragment, yXmlFragmentToProsemirror } from "y-prosemirror";
import * as Y from "yjs";

/** The Yjs field the Tiptap Collaboration extension edits. */
export const FIELD = "default";
/** Email's subject line and preheader: Y.Text fields beside the body. */
export const SUBJECT_FIELD = "subject";
export const PREHEADER_FIELD = "preheader";

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
        select: {
          channel: true,
          body: true,
          subject: true,
          preheader: true,
          document: { select: { state: true } },
        },
      });
      if (!communication) throw new Error(`No communication ${documentName}`);
      if (communication.document) {
        Y.applyUpdate(document, new Uint8Array(communication.document.state));
        return document;
      }
      document.getText(SUBJECT_FIELD).insert(0, communication.subject);
      document.getText(PREHEADER_FIELD).insert(0, communication.preheader);
      if (communication.body) {
        // First opening: the plain-text body, {{fields}} as merge fields.
        prosemirrorToYXmlFragment(
          documentFromPlainText(
            messageSchema(communication.channel as Channel),
            communication.body,
          ),
          document.getXmlFragment(FIELD),
        );
      }
      return document;
    },

    async onStoreDocument({ documentName, document }: onStoreDocumentPayload) {
      const communication = await db.communication.findUnique({
        where: { id: documentName },
        select: {
          channel: true,
          subject: true,
          preheader: true,
          document: { select: { json: true } },
        },
      });
      if (!communication) return;
      const subject = document.getText(SUBJECT_FIELD).toString();
      const preheader = document.getText(PREHEADER_FIELD).toString();
      const schema = messageSchema(communication.channel as Channel);
      const doc = yXmlFragmentToProsemirror(schema, document.getXmlFragment(FIELD));
      const json = doc.toJSON();
      if (
        communication.document &&
        JSON.stringify(communication.document.json) === JSON.stringify(json) &&
        communication.subject === subject &&
        communication.preheader === preheader
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
        db.communication.update({
          where: { id: documentName },
          data: { body: text, subject, preheader },
        }),
      ]);
    },
  };
}
