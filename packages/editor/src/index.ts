export {
  type CollabClientMessage,
  type CollabServerMessage,
  collabClientMessageSchema,
} from "./collab-messages";
export { CommentMark } from "./comment-mark";
export { documentFromPlainText } from "./from-plain-text";
export { MergeField, type MergeFieldAttributes, mergeFieldCatalogue } from "./merge-field";
export {
  type BlockKind,
  type PlainText,
  type PlainTextOptions,
  type TextBlock,
  toPlainText,
} from "./plain-text";
export { type Channel, messageExtensions, messageSchema, plainTextChannels } from "./schema";
export { applySuggestion } from "./suggestions";
