import { type AnyExtension, getSchema } from "@tiptap/core";
import type { Schema } from "@tiptap/pm/model";
import StarterKit from "@tiptap/starter-kit";
import { CommentMark } from "./comment-mark";
import { MergeField } from "./merge-field";
import { SuggestedDeletion, SuggestedFormat, SuggestedInsertion } from "./suggestion-marks";

export type Channel = "EMAIL" | "SMS" | "LETTER" | "EBILL" | "PUSH" | "IN_APP";

/** Channels that carry plain text only: no headings, lists or formatting. */
export const plainTextChannels: ReadonlySet<Channel> = new Set(["SMS", "PUSH"]);

/**
 * The extensions of a customer message for one channel, shared by the
 * browser editor and the collaboration server so both build the same schema.
 */
export function messageExtensions(
  channel: Channel,
  options: { collaborative?: boolean } = {},
): AnyExtension[] {
  const plain = plainTextChannels.has(channel);
  return [
    StarterKit.configure({
      // Co-editing brings its own undo (per person, through Yjs).
      undoRedo: options.collaborative ? false : undefined,
      // What customer messages never carry.
      code: false,
      codeBlock: false,
      blockquote: false,
      horizontalRule: false,
      strike: false,
      underline: false,
      // Plain-text channels: paragraphs and line breaks only.
      heading: plain ? false : { levels: [1, 2, 3] },
      bold: plain ? false : undefined,
      italic: plain ? false : undefined,
      bulletList: plain ? false : undefined,
      orderedList: plain ? false : undefined,
      listItem: plain ? false : undefined,
      listKeymap: plain ? false : undefined,
      link: plain
        ? false
        : { openOnClick: false, autolink: true, protocols: ["https", "mailto", "tel"] },
    }),
    MergeField,
    CommentMark,
    SuggestedInsertion,
    SuggestedDeletion,
    SuggestedFormat,
  ];
}

const schemas = new Map<Channel, Schema>();

/** The ProseMirror schema for a channel (built once). */
export function messageSchema(channel: Channel): Schema {
  let schema = schemas.get(channel);
  if (!schema) {
    schema = getSchema(messageExtensions(channel));
    schemas.set(channel, schema);
  }
  return schema;
}
