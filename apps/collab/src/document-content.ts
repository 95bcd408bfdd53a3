import { acceptedDocument, type Channel, messageSchema, toPlainText } from "@conductor/editor";
import { yXmlFragmentToProsemirror } from "y-prosemirror";
import type * as Y from "yjs";

/** The Yjs field the Tiptap Collaboration extension edits. */
export const FIELD = "default";
/** Email's subject line and preheader: Y.Text fields beside the body. */
export const SUBJECT_FIELD = "subject";
export const PREHEADER_FIELD = "preheader";

/**
 * A shared document's content as the editors see it: the editor JSON, its
 * plain text (the one document → text path), subject and preheader.
 */
export function documentContent(document: Y.Doc, channel: Channel) {
  const doc = yXmlFragmentToProsemirror(messageSchema(channel), document.getXmlFragment(FIELD));
  return {
    json: doc.toJSON(),
    // The message as it stands; pending suggestions stay in the JSON only.
    text: toPlainText(acceptedDocument(doc)).text,
    subject: document.getText(SUBJECT_FIELD).toString(),
    preheader: document.getText(PREHEADER_FIELD).toString(),
  };
}
