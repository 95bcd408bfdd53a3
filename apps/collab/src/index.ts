export { authentication } from "./authentication";
export { FIELD, persistence } from "./persistence";
export { type CollabServerOptions, createCollabServer } from "./server";
