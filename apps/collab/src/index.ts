export { ACCESS_REVOKED_REASON, recheckConnections } from "./access-signals";
export { authentication } from "./authentication";
export { type CollabEnv, readCollabEnv } from "./env";
export { FIELD, persistence } from "./persistence";
export { type CollabServerOptions, createCollabServer } from "./server";
