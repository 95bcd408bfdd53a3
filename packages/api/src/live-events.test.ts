import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiFixture, createApiFixture, newDraft, outcome, submittedReview } from "./testing";

const goodText =
  "Thank you: we received your payment of $177.17 today. You do not need to do anything. Questions? Call us on 0800 123 456.";

/** What the API tells open screens: only after a change commits, with ids and kinds only. */
describe("live events from review steps", () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture();
    await f.db.prisma.organization.update({
      where: { id: f.demo.organizationId },
      data: { minimumScore: 0 },
    });
  });
  afterAll(() => f.db.close());

  it("a submission and a decision each announce the communication; a refused decision announces nothing", async () => {
    const { id: communicationId } = await newDraft(f, "Live events");
    const start = f.liveEvents.length;
    const reviewStart = f.reviewChanges.length;
    const { review } = await submittedReview(f, communicationId, goodText);
    const announced = { kind: "review", organizationId: f.demo.organizationId, communicationId };
    expect(f.liveEvents.slice(start)).toEqual([announced]);
    // The collaboration servers are told too: who may edit directly has changed.
    const reviewChange = { organizationId: f.demo.organizationId, communicationId };
    expect(f.reviewChanges.slice(reviewStart)).toEqual([reviewChange]);

    // Product's stage is not open yet: refused, so no screen is told anything.
    const refused = await outcome(async () =>
      (await f.callerFor("product")).reviews.decide({
        communicationId,
        reviewId: review.id,
        versionHash: review.versionHash,
        kind: "APPROVE",
        comment: "",
      }),
    );
    expect(refused).not.toBe("ok");
    expect(f.liveEvents.slice(start)).toHaveLength(1);
    expect(f.reviewChanges.slice(reviewStart)).toHaveLength(1);

    await (await f.callerFor("legal")).reviews.decide({
      communicationId,
      reviewId: review.id,
      versionHash: review.versionHash,
      kind: "REQUEST_CHANGES",
      reasonCode: "unclear",
      comment: "Say which payment.",
    });
    expect(f.liveEvents.slice(start)).toEqual([announced, announced]);
    expect(f.reviewChanges.slice(reviewStart)).toEqual([reviewChange, reviewChange]);
  });

  it("a change to the review settings tells the collaboration servers about the whole organisation", async () => {
    const before = f.reviewChanges.length;
    const settings = {
      organizationId: f.demo.organizationId,
      minimumScore: 0,
      forbidSelfApproval: true,
      commsManagersEditDuringReview: true,
      reasonCodes: ["unclear", "other"],
    };
    const member = await outcome(async () =>
      (await f.callerFor("legal")).reviewSettings.update(settings),
    );
    expect(member).toBe("FORBIDDEN");
    expect(f.reviewChanges.length).toBe(before);
    await (await f.callerFor("admin")).reviewSettings.update(settings);
    expect(f.reviewChanges.slice(before)).toEqual([
      { organizationId: f.demo.organizationId, communicationId: null },
    ]);
  });

  it("an outsider's attempt on another organisation's review announces nothing there", async () => {
    const { id: communicationId } = await newDraft(f, "Live events, outsider");
    const { review } = await submittedReview(f, communicationId, goodText);
    const before = f.liveEvents.length;
    const outsider = await f.callerFor("outsider");
    expect(
      await outcome(() =>
        outsider.reviews.decide({
          communicationId,
          reviewId: review.id,
          versionHash: review.versionHash,
          kind: "APPROVE",
          comment: "",
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(f.liveEvents.length).toBe(before);
  });
});
