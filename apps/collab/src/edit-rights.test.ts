import type { OpenDatabase } from "@conductor/db";
import type { DemoSeedResult } from "@conductor/db/seed";
import type { Connection } from "@hocuspocus/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EDIT_RIGHTS_FALLBACK_MS, editRights } from "./edit-rights";
import { demoDocument, openReviewAsSubmitted } from "./testing";

describe("who may edit directly, remembered per connection", () => {
  let db: OpenDatabase;
  let demo: DemoSeedResult;
  let communicationId: string;

  beforeAll(async () => {
    ({ db, demo, communicationId } = await demoDocument());
  });
  afterAll(() => db.close());

  /** Opens or closes the communication's review in the database alone (no signal). */
  async function setReview(open: boolean) {
    if (!open) {
      await db.prisma.review.updateMany({
        where: { communicationId, status: "IN_REVIEW" },
        data: { status: "WITHDRAWN" },
      });
      return;
    }
    await openReviewAsSubmitted(db.prisma, communicationId);
  }

  it("answers from memory until a signal (or the fallback interval) says to read again", async () => {
    let clock = 0;
    const rights = editRights(db.prisma, () => clock);
    // Only its identity matters here: the answer is remembered per connection.
    const legalTab = {} as Connection;
    const otherTab = {} as Connection;
    const legal = demo.userIds.legal;
    const allowed = (tab = legalTab) => rights.allowed(tab, legal, communicationId);

    expect(await allowed()).toBe(true);
    await setReview(true);
    // Remembered: the review opened without a signal.
    expect(await allowed()).toBe(true);
    // A new connection reads afresh.
    expect(await allowed(otherTab)).toBe(false);
    rights.forgetDocument("some-other-communication");
    expect(await allowed()).toBe(true);
    rights.forgetDocument(communicationId);
    expect(await allowed()).toBe(false);

    await setReview(false);
    expect(await allowed()).toBe(false);
    rights.forgetUser(demo.userIds.marketing);
    expect(await allowed()).toBe(false);
    rights.forgetUser(legal);
    expect(await allowed()).toBe(true);

    await setReview(true);
    rights.forgetEverything();
    expect(await allowed()).toBe(false);

    // A signal that never arrived: the answer is read again after the fallback interval.
    await setReview(false);
    clock += EDIT_RIGHTS_FALLBACK_MS - 1;
    expect(await allowed()).toBe(false);
    clock += 1;
    expect(await allowed()).toBe(true);
  });
});
