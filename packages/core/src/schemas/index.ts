// Input shapes shared by the API and the browser forms, one file per domain.
// They import only zod, the generated enums and types, so the browser bundle
// stays free of server code; what people read (labels) is in ../labels.
export * from "./briefs";
export * from "./call-series";
export * from "./calls";
export * from "./comments";
export * from "./common";
export * from "./communications";
export * from "./enums";
export * from "./mail";
export * from "./members";
export * from "./personas";
export * from "./releases";
export * from "./reviews";
export * from "./rule-sets";
export * from "./versions";
export * from "./webhooks";
