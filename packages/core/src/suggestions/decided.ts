import type { Suggestion } from "@conductor/editor";
import type { DecidedSuggestion } from "../audit/events";

/** A pending suggestion as the audit trail and a review decision record it: who, and what it proposes. */
export function decidedSuggestion(suggestion: Suggestion): DecidedSuggestion {
  const { id, authorId, authorFunction, inserted, deleted, format } = suggestion;
  return { id, authorId, authorFunction, inserted, deleted, ...(format ? { format } : {}) };
}
