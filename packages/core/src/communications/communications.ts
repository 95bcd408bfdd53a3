// The communication use cases live one per file (list, create, load,
// update). Files other helpers are changing still import these two names from
// here; once they import from ./load this file goes.
export { type LoadedCommunication, loadCommunication } from "./load";
