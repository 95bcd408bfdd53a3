export { CommentMark } from "./comment-mark";
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
export {
  type CollabClientMessage,
  type CollabServerMessage,
  collabClientMessageSchema,
} from "./collab-messages";
export { documentFromPlainText } from "./from-plain-text";
