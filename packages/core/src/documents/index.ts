// A communication's shared document as the collaboration server keeps it:
// opened from state plus logged updates, updates appended before they are
// acknowledged, stored (and the log folded in) on the debounce.
export { appendDocumentUpdates } from "./append-document-updates";
export {
  type LoggedDocumentUpdate,
  loadCommunicationDocument,
  pendingDocumentUpdates,
} from "./load-document";
export {
  communicationDocumentStore,
  type StoredDocumentContent,
  storeCommunicationDocument,
} from "./store-document";
