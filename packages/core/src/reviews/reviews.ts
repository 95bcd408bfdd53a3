// The review use cases live one per file (submit, decide, withdraw, release,
// current, assign, my-reviews; record-release is the release transaction a
// person and a sending system share). These two names stay importable from
// here because release-tokens.ts and settings.ts still import them from
// "./reviews"; once they import from ./record-release and ./default-template
// this file goes.
export { ensureDefaultTemplate } from "./default-template";
export { recordRelease } from "./record-release";
