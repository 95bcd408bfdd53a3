// The review use cases live one per file (submit, decide, withdraw, release,
// current, assign, my-reviews). These two names stay importable from here
// because release-tokens.ts and settings.ts still import them from "./reviews";
// once they import from ./release and ./default-template this file goes.
export { ensureDefaultTemplate } from "./default-template";
export { recordRelease } from "./release";
