// Appending lives in ./append, verifying in ./verify, the export in ./trail.
// versions.ts and briefs.ts still import appendAuditEvent from here; only
// append is re-exported, so this file cannot close an import circle again.
export { type AuditEventInput, appendAuditEvent } from "./append";
