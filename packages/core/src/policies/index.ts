export { authorize, authorizeCommunication, authorizeInOrganization } from "./authorize";
export { type Action, can, type Resource } from "./policies";
