export { authorize } from "./authorize";
export { type Action, can, type Resource } from "./policies";
