export { authentication } from "./authentication";
export { FIELD, persistence } from "./persistence";
export { type CollabServerOptions, createCollabServer } from "./server";
export { ACCESS_REVOKED_REASON, recheckConnections } from "./access-signals";
export { type CollabEnv, readCollabEnv } from "./env";
