export { type Actor, type ActorMembership, loadActor, membershipIn } from "./actor";
export {
  createCommunication,
  listCommunications,
  loadCommunication,
  updateCommunication,
  type CommunicationSummary,
  type LoadedCommunication,
} from "./communications/communications";
export type { UseCaseContext } from "./context";
export { AppError, type AppErrorCode } from "./errors";
export {
  signInLimits,
  signInWithIdentityProvider,
  signInWithPassword,
  type ExternalIdentity,
  type SignInAttempt,
} from "./identity/sign-in";
export {
  addMember,
  listMembers,
  removeMember,
  updateMember,
  type MemberSummary,
} from "./members/members";
export { type Action, authorize, can, type Resource } from "./policies";
export {
  authorizeCollabConnection,
  COLLAB_TOKEN_SECONDS,
  type CollabAccess,
  type CollabClaims,
  decodeCollabToken,
  encodeCollabToken,
  issueCollabToken,
} from "./collab/token";
