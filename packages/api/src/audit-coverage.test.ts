// Every mutation of the API either appends to the organisation's audit trail
// or is listed below with the reason a regulator would not ask about it.
// A new mutation fails this test until it does one or the other.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fixture, procedureCalls } from "./procedure-calls";
import { appRouter } from "./root";
import { createApiFixture } from "./testing";

/** Mutations that change nothing a regulator would ask about, and why. */
const notAudited: Record<string, string> = {
  "comments.start": "discussion, not a change to the message or its approval; kept as its own rows",
  "comments.reply": "discussion, kept as its own rows with author and time",
  "comments.edit": "the author's own wording of a comment; comments are not approvals",
  "comments.resolve": "marks a discussion done; the thread and its resolver stay as rows",
  "notifications.markRead": "a person's own inbox state",
  "readings.record":
    "a reviewer's reading note, kept per version as its own immutable row; it decides nothing",
  "collab.token": "a one-minute connection token: reading, not changing",
  "audit.verify": "reads the trail and checks its hashes; it changes nothing",
  "viewer.signOutEverywhere":
    "a person ending their own sign-ins: their sessions, not the organisation's data or anyone's access",
};

let f: Fixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(() => f.db.close());

const mutations = Object.entries(appRouter._def.procedures)
  .filter(
    ([, procedure]) =>
      (procedure as unknown as { _def: { type: string } })._def.type === "mutation",
  )
  .map(([name]) => name)
  .sort();

describe("audit coverage", () => {
  it("every allowlisted name is a real mutation", () => {
    for (const name of Object.keys(notAudited)) {
      if (name === "collab.token") continue; // a query that mints; listed for the reader
      expect(mutations).toContain(name);
    }
  });

  for (const name of mutations) {
    if (notAudited[name]) continue;
    it(`${name} appends to the audit trail`, async () => {
      const row = procedureCalls[name];
      expect(row, `${name} has no valid call in procedure-calls.ts`).toBeDefined();
      const persona = row!.allowed[0]!;
      // Every organisation's trail: accepting an invitation is recorded in
      // the inviting organisation's, which the valid call makes afresh.
      const before = await f.db.prisma.auditEvent.count();
      await row!.call(await f.callerFor(persona), f, persona);
      const after = await f.db.prisma.auditEvent.count();
      expect(after, `${name} as ${persona} wrote no audit entry`).toBeGreaterThan(before);
    });
  }
});
