export { type Actor, type ActorMembership, loadActor, membershipIn } from "./actor";
export { createCommunication } from "./communications/create";
export { listCommunications } from "./communications/list";
export { type LoadedCommunication, loadCommunication } from "./communications/load";
export type { CommunicationSummary } from "./communications/summary";
export { updateCommunication } from "./communications/update";
export type { UseCaseContext } from "./context";
export { AppError, type AppErrorCode } from "./errors";
export {
  assertWellFormed,
  findMalformed,
  inputErrorFromDatabase,
  MAX_INPUT_STRING,
} from "./input-guard";
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
export {
  endAllSignInSessions,
  endSignInSession,
  isSignInSessionActive,
  startSignInSession,
} from "./identity/sign-in-sessions";
export { signOutEverywhere } from "./identity/sign-out-everywhere";
export { acceptInvitation } from "./invitations/accept-invitation";
export { describeInvitation } from "./invitations/describe-invitation";
export { inviteMember } from "./invitations/invite-member";
export { joinWithNewAccount } from "./invitations/join-with-new-account";
export { listInvitations } from "./invitations/list-invitations";
export { myInvitations } from "./invitations/my-invitations";
export { revokeInvitation } from "./invitations/revoke-invitation";
export { INVITATION_DAYS } from "./invitations/token";
export { signOutMemberEverywhere } from "./members/sign-out-member-everywhere";
export { listMembers } from "./members/list-members";
export { removeMember } from "./members/remove-member";
export type { MemberSummary } from "./members/store";
export { updateMember } from "./members/update-member";
export { type Action, authorize, can, type Resource } from "./policies";
export {
  ACCESS_CHANGED_PATH,
  type AccessChange,
  postAccessChange,
  authorizeCollabConnection,
  COLLAB_TOKEN_SECONDS,
  currentCollabAccess,
  signAccessChange,
  verifyAccessChange,
  type CollabAccess,
  type CollabClaims,
  decodeCollabToken,
  encodeCollabToken,
  issueCollabToken,
} from "./collab/token";
export { collabSigningKey, resolveAuthSecret } from "./secrets";
export { type CommentThreadView, listThreads, loadOwnThread } from "./comments/comments";
export { editComment } from "./comments/edit-comment";
export { replyToThread } from "./comments/reply-to-thread";
export { setThreadResolved } from "./comments/resolve-thread";
export { startThread } from "./comments/start-thread";
export { type Mentions, resolveMentions } from "./comments/mentions";
export { listNotifications } from "./notifications/list-notifications";
export { markNotificationsRead } from "./notifications/mark-notifications-read";
export { canonicalJson, contentHash, versionHash } from "./versions/canonical";
export { compareVersions, type DiffPart } from "./versions/compare-versions";
export { recordVersion } from "./versions/record-version";
export { restoreVersion } from "./versions/restore-version";
export {
  type DocumentContent,
  listVersions,
  versionContent,
  type VersionSummary,
} from "./versions/versions";
export { briefHistory, currentBrief } from "./briefs/briefs";
export { updateBrief } from "./briefs/update-brief";
export { customerReadings } from "./briefs/readings";
export { recordCustomerReading } from "./briefs/record-reading";
export { listPersonas } from "./briefs/personas";
export { createPersona } from "./briefs/create-persona";
export { updatePersona } from "./briefs/update-persona";
export { setPersonaArchived } from "./briefs/archive-persona";
export { deletePersona } from "./briefs/delete-persona";
export { defaultBriefTemplates, listBriefTemplates } from "./briefs/templates";
export { updateBriefTemplate } from "./briefs/update-template";
export { createBriefTemplate, createBriefTemplateSchema } from "./briefs/create-template";
export { appendAuditEvent, type AuditEventInput } from "./audit/append";
export { communicationTrail, trailCsv } from "./audit/trail";
export { verifyAuditTrail, verifyOrganizationTrail } from "./audit/verify";
export { auditHash, auditHashInput, type ChainBreak, describeBreak } from "./audit/chain";
export { type ApprovalCertificate, approvalCertificate } from "./reviews/certificate";
export { certificatePdf } from "./reviews/certificate-pdf";
export { assignReviewers } from "./reviews/assign";
export { currentReview } from "./reviews/current";
export { decideReview } from "./reviews/decide";
export { myReviews } from "./reviews/my-reviews";
export { releaseReview } from "./reviews/release";
export { submitForReview } from "./reviews/submit";
export { withdrawReview } from "./reviews/withdraw";
export {
  addBusinessDays,
  defaultStages,
  type StageRule,
  WorkflowError,
  type WorkflowErrorCode,
} from "./reviews/workflow";
export { listReleaseTokens } from "./reviews/release-tokens";
export { createReleaseToken } from "./reviews/create-release-token";
export { revokeReleaseToken } from "./reviews/revoke-release-token";
export { releaseByToken } from "./reviews/release-by-token";
export { reviewSettings } from "./reviews/settings";
export { saveReviewTemplate } from "./reviews/save-review-template";
export { updateReviewSettings } from "./reviews/update-review-settings";
export { analyzeCallVolume, analyzeOrganization } from "./calls/analysis";
export { attributionWindows, defaultAttributionDays } from "./calls/attribution";
export { type Evidence, type HoldoutReport, type ReleaseReport } from "./calls/release-report";
export { callSeries } from "./calls/series";
export {
  type CallImportOptions,
  type CallImportResult,
  importCallVolume,
} from "./calls/import";
export { importCallVolumeFeed } from "./calls/import-feed";
export { importCallVolumeUpload } from "./calls/import-upload";
export { previewCallCsv, previewCallVolumeUpload } from "./calls/preview";
export { refreshCallDaily } from "./calls/daily";
export { callDashboard } from "./calls/dashboard";
export {
  callSpikes,
  explainEpisode,
  explainSpike,
  type Spike,
  type SpikeEpisode,
  spikeEpisodes,
} from "./calls/spikes";
export type { CallColumnMapping, DateFormat, Granularity } from "./calls/rows";
export { SUPPRESSED, showCount } from "./calls/stats";
export { callSettings, communicationCallReasons } from "./calls/taxonomy";
export { saveCallReasons } from "./calls/save-call-reasons";
export { setAttributionDays } from "./calls/set-attribution-days";
export { setCommunicationCallReasons } from "./calls/set-communication-call-reasons";
export { setReleaseHoldout } from "./calls/set-release-holdout";
export {
  appendDocumentUpdates,
  loadCommunicationDocument,
  pendingDocumentUpdates,
  storeCommunicationDocument,
  type LoggedDocumentUpdate,
  type StoredDocumentContent,
} from "./documents";
