export {
  type CollabClientMessage,
  type CollabServerMessage,
  collabClientMessageSchema,
  readCollabClientMessage,
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
export {
  type EditingMode,
  SUGGESTION_DECISION,
  Suggesting,
  type SuggestingOptions,
  suggestingTransaction,
} from "./suggesting";
export { suggestionOnlyChange } from "./suggestion-check";
export {
  acceptedDocument,
  acceptedJson,
  acceptedPlainText,
  DELETION,
  decidedDocument,
  decideSuggestions,
  hasSuggestions,
  INSERTION,
  newSuggestionId,
  pendingSuggestions,
  SuggestedDeletion,
  SuggestedInsertion,
  type Suggestion,
  type SuggestionAttributes,
  type SuggestionAuthor,
  type SuggestionFilter,
  suggestedDocument,
  suggestionsMatching,
  suggestReplace,
} from "./suggestion-marks";
export { applySuggestion } from "./suggestions";
