export { type Actor, type ActorMembership, loadActor, membershipIn } from "./actor";
export { type AuditEventInput, appendAuditEvent } from "./audit/append";
export { auditHash, auditHashInput, type ChainBreak, describeBreak } from "./audit/chain";
export { communicationTrail, trailCsv } from "./audit/trail";
export { verifyAuditTrail, verifyOrganizationTrail } from "./audit/verify";
export { setPersonaArchived } from "./briefs/archive-persona";
export { briefHistory, currentBrief } from "./briefs/briefs";
export { createPersona } from "./briefs/create-persona";
export { createBriefTemplate, createBriefTemplateSchema } from "./briefs/create-template";
export { deletePersona } from "./briefs/delete-persona";
export { listPersonas } from "./briefs/personas";
export { customerReadings } from "./briefs/readings";
export { recordCustomerReading } from "./briefs/record-reading";
export { defaultBriefTemplates, listBriefTemplates } from "./briefs/templates";
export { updateBrief } from "./briefs/update-brief";
export { updatePersona } from "./briefs/update-persona";
export { updateBriefTemplate } from "./briefs/update-template";
export { analyzeCallVolume, analyzeOrganization } from "./calls/analysis";
export { attributionWindows, defaultAttributionDays } from "./calls/attribution";
export { type CalibrationRow, type CallEvidence, callEvidence } from "./calls/call-evidence";
export { callImportStatus } from "./calls/call-import-status";
export { callImportUnderWay } from "./calls/call-import-under-way";
export { refreshCallDaily } from "./calls/daily";
export { callDashboard } from "./calls/dashboard";
export {
  type CallImportOptions,
  type CallImportResult,
  importCallVolume,
} from "./calls/import";
export type { RemovalEffect } from "./calls/import-changes";
export { importCallVolumeFeed } from "./calls/import-feed";
export type { StoredImportResult } from "./calls/import-job";
export type { CallOverlap, KeepChoice } from "./calls/import-overlap";
export { callImportRemoval, removeCallImport } from "./calls/import-removal";
export { importCallVolumeUpload } from "./calls/import-upload";
export { mapCallQuestion } from "./calls/map-call-question";
export {
  type CallPrediction,
  type PredictionContribution,
  predictCalls,
} from "./calls/predict-calls";
export { previewCallCsv, previewCallVolumeUpload, readPreviewSample } from "./calls/preview";
export {
  type MissedQuestion,
  type QuestionCoverage,
  questionCoverage,
} from "./calls/question-coverage";
export { queueCallImport } from "./calls/queue-call-import";
export type { Evidence, HoldoutReport, ReleaseReport } from "./calls/release-report";
export type { CallColumnMapping, DateFormat, Granularity, WeekNumbering } from "./calls/rows";
export { type CallImportOutcome, runCallImport } from "./calls/run-call-import";
export { saveCallReasons } from "./calls/save-call-reasons";
export { callSeries } from "./calls/series";
export { setAttributionDays } from "./calls/set-attribution-days";
export { setCallCost } from "./calls/set-call-cost";
export { setCommunicationCallReasons } from "./calls/set-communication-call-reasons";
export { setReleaseHoldout } from "./calls/set-release-holdout";
export {
  callSpikes,
  explainEpisode,
  explainSpike,
  type Spike,
  type SpikeEpisode,
  spikeEpisodes,
} from "./calls/spikes";
export { SUPPRESSED, showCount } from "./calls/stats";
export { callSettings, communicationCallReasons } from "./calls/taxonomy";
export {
  type UploadInterruption,
  uploadInterruption,
  uploadLimits,
  uploadTooLarge,
} from "./calls/upload";
export {
  ACCESS_CHANGED_PATH,
  type AccessChange,
  authorizeCollabConnection,
  COLLAB_TOKEN_SECONDS,
  type CollabAccess,
  type CollabClaims,
  currentCollabAccess,
  decodeCollabToken,
  encodeCollabToken,
  issueCollabToken,
  postAccessChange,
  postReviewChange,
  REVIEW_CHANGED_PATH,
  type ReviewStateChange,
  signAccessChange,
  signReviewChange,
  verifyAccessChange,
  verifyReviewChange,
} from "./collab/token";
export { type CommentThreadView, listThreads, loadOwnThread } from "./comments/comments";
export { editComment } from "./comments/edit-comment";
export { listMentionables } from "./comments/list-mentionables";
export { type Mentions, resolveMentions } from "./comments/mentions";
export { replyToThread } from "./comments/reply-to-thread";
export { setThreadResolved } from "./comments/resolve-thread";
export { startThread } from "./comments/start-thread";
export { createCommunication } from "./communications/create";
export { listCommunications } from "./communications/list";
export { type LoadedCommunication, loadCommunication } from "./communications/load";
export type { CommunicationSummary } from "./communications/summary";
export { updateCommunication } from "./communications/update";
export type { UseCaseContext } from "./context";
export {
  appendDocumentUpdates,
  communicationDocumentStore,
  type LoggedDocumentUpdate,
  loadCommunicationDocument,
  pendingDocumentUpdates,
  type StoredDocumentContent,
  storeCommunicationDocument,
} from "./documents";
export { AppError, type AppErrorCode } from "./errors";
export { endAllSignInSessions } from "./identity/end-all-sign-in-sessions";
export { endSignInSession } from "./identity/end-sign-in-session";
export { isSignInSessionActive, loadSignedInActor } from "./identity/sign-in-sessions";
export {
  type ExternalIdentity,
  signInWithIdentityProvider,
} from "./identity/sign-in-with-identity-provider";
export {
  type SignInAttempt,
  type SignInLimits,
  signInLimits,
  signInWithPassword,
} from "./identity/sign-in-with-password";
export { signOutEverywhere } from "./identity/sign-out-everywhere";
export { startSignInSession } from "./identity/start-sign-in-session";
export {
  assertWellFormed,
  findMalformed,
  inputErrorFromDatabase,
  MAX_INPUT_STRING,
} from "./input-guard";
export { acceptInvitation } from "./invitations/accept-invitation";
export { describeInvitation } from "./invitations/describe-invitation";
export { inviteMember } from "./invitations/invite-member";
export { joinWithNewAccount } from "./invitations/join-with-new-account";
export { listInvitations } from "./invitations/list-invitations";
export { myInvitations } from "./invitations/my-invitations";
export { revokeInvitation } from "./invitations/revoke-invitation";
export { INVITATION_DAYS } from "./invitations/token";
export { type MailConfig, mailConfigFromEnv } from "./mail/config";
export { listMailPreferences } from "./mail/list-mail-preferences";
export { listOutgoingMail } from "./mail/list-outgoing-mail";
export { relayNotifications } from "./mail/relay-notifications";
export { retryOutgoingMail } from "./mail/retry-outgoing-mail";
export { sendDigests } from "./mail/send-digests";
export { setMailPreference } from "./mail/set-mail-preference";
export { type MailContent, renderMail } from "./mail/templates";
export { unsubscribeByLink } from "./mail/unsubscribe-by-link";
export { readUnsubscribeToken, unsubscribeToken } from "./mail/unsubscribe-token";
export { listMembers } from "./members/list-members";
export { removeMember } from "./members/remove-member";
export { signOutMemberEverywhere } from "./members/sign-out-member-everywhere";
export type { MemberSummary } from "./members/store";
export { updateMember } from "./members/update-member";
export { listNotifications } from "./notifications/list-notifications";
export { markNotificationsRead } from "./notifications/mark-notifications-read";
export { remindDueReviews } from "./notifications/remind-due-reviews";
export { type Action, authorize, can, type Resource } from "./policies";
export { assignReviewers } from "./reviews/assign";
export { type ApprovalCertificate, approvalCertificate } from "./reviews/certificate";
export { certificatePdf } from "./reviews/certificate-pdf";
export { correctRelease } from "./reviews/correct-release";
export { createReleaseToken } from "./reviews/create-release-token";
export { currentReview } from "./reviews/current";
export { decideReview } from "./reviews/decide";
export { myReviews } from "./reviews/my-reviews";
export { releaseReview } from "./reviews/release";
export { releaseByToken } from "./reviews/release-by-token";
export { listReleaseTokens } from "./reviews/release-tokens";
export { revokeReleaseToken } from "./reviews/revoke-release-token";
export { saveReviewTemplate } from "./reviews/save-review-template";
export { reviewSettings } from "./reviews/settings";
export { submitForReview } from "./reviews/submit";
export { updateReviewSettings } from "./reviews/update-review-settings";
export { withdrawReview } from "./reviews/withdraw";
export {
  addBusinessDays,
  defaultStages,
  type StageRule,
  WorkflowError,
  type WorkflowErrorCode,
} from "./reviews/workflow";
export { adoptRuleSetChange } from "./rule-sets/adopt-rule-set-change";
export { currentRuleSet } from "./rule-sets/current-rule-set";
export { ruleSetInForce } from "./rule-sets/in-force";
export { ruleSetHistory } from "./rule-sets/rule-set-history";
export { collabSigningKey, resolveAuthSecret } from "./secrets";
export { SlotsPerHolder } from "./slots";
export {
  decideSuggestions,
  type SuggestionScope,
  type SuggestionVerdict,
} from "./suggestions/decide-suggestions";
export { directEditAllowed } from "./suggestions/edit-rights";
export { liveSuggestions } from "./suggestions/live-suggestions";
export { canonicalJson, contentHash, versionHash } from "./versions/canonical";
export { compareVersions, type DiffPart } from "./versions/compare-versions";
export { recordVersion } from "./versions/record-version";
export { restoreVersion } from "./versions/restore-version";
export {
  type DocumentContent,
  listVersions,
  type VersionSummary,
  versionContent,
} from "./versions/versions";
export {
  checkWebhookUrl,
  isReservedAddress,
  type WebhookNetworkPolicy,
  webhookPolicyFromEnv,
} from "./webhooks/address-guard";
export { createWebhook } from "./webhooks/create-webhook";
export { deleteWebhook } from "./webhooks/delete-webhook";
export { deliverWebhook, webhookEventNames } from "./webhooks/deliver-webhook";
export { listWebhooks } from "./webhooks/list-webhooks";
export { retryWebhookDelivery } from "./webhooks/retry-webhook-delivery";
export { signWebhook, verifyWebhook } from "./webhooks/signature";
