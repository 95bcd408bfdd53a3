// `npm run audit:verify -- [--organization <slug>] [--anchors <file>] [--append-anchors <file>]`:
// walks each organisation's audit trail and names the first entry that was
// altered or removed. With --anchors, also checks the trail against head
// hashes anchored outside the database earlier (a cut from the end that
// rewrote the head too shows there). With --append-anchors, appends every
// organisation's current head to that file after a clean verification.
// Exit 0: every trail verified; 1: a trail is broken; 2: bad usage.
import { openDatabase } from "@conductor/db";
import { runAuditVerify } from "./verify-command";

runAuditVerify(process.argv.slice(2), () => openDatabase()).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
