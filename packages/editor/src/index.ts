export {
  type CollabClientMessage,
  type CollabServerMessage,
  collabClientMessageSchema,
  readCollabClientMessage,
} from "./collab-messages";
export { CommentMark } from "./comment-mark";
export { documentFromPlainText } from "./from-plain-text";
export {
  MergeField,
  type MergeFieldAttributes,
  mergeFieldCatalogue,
  noFieldSuggestion,
} from "./merge-field";
export {
  type BlockKind,
  type PlainText,
  type PlainTextOptions,
  type TextBlock,
  toPlainText,
} from "./plain-text";
export { type Channel, messageExtensions, messageSchema, plainTextChannels } from "./schema";
export { type FormattingEdit, formatSuggestedDocument, suggestFormat } from "./suggested-format";
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
  FORMAT,
  type FormatChange,
  type FormatSummary,
  type FormattingMarkJson,
  hasSuggestions,
  INSERTION,
  isFormattingMark,
  newSuggestionId,
  pendingSuggestions,
  SuggestedDeletion,
  SuggestedFormat,
  SuggestedInsertion,
  type Suggestion,
  type SuggestionAttributes,
  type SuggestionAuthor,
  type SuggestionFilter,
  type SuggestionOn,
  suggestedDocument,
  suggestionsMatching,
  suggestionsOn,
  suggestReplace,
} from "./suggestion-marks";
export { describeProposedChange, type ProposedChange, withFieldNames } from "./suggestion-words";
export { applySuggestion } from "./suggestions";
