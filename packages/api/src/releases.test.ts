// A release as the form and the sending systems record it: send dates read
// only as ISO calendar days, and a recorded release corrected with a reason,
// in place and audited.
import { verifyAuditTrail } from "@conductor/core";
import { fieldErrorsOf, releaseByTokenSchema } from "@conductor/core/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { type ApiFixture, communicationWithReview, createApiFixture, outcome } from "./testing";

/** The field errors a refused call carries (what the form shows beside each field). */
async function fieldErrorsOfCall(run: () => Promise<unknown>) {
  const error = await run().then(
    () => {
      throw new Error("the call was not refused");
    },
    (caught: unknown) => caught as { code?: string; cause?: unknown },
  );
  const cause = error.cause;
  const fields =
    cause instanceof ZodError
      ? fieldErrorsOf(cause)
      : ((cause as { fieldErrors?: Record<string, string> } | undefined)?.fieldErrors ?? {});
  return { code: error.code, fields };
}

let f: ApiFixture;
beforeAll(async () => {
  f = await createApiFixture();
});
afterAll(() => f.db.close());

/** A communication owned by the comms manager with an approved review, written directly. */
const approvedReview = () =>
  communicationWithReview(f, {
    title: "Release dates",
    review: "APPROVED",
    communicationStatus: "APPROVED",
  });

const releaseWith = async (sendDates: unknown[]) => {
  const { communicationId, reviewId } = await approvedReview();
  const manager = await f.callerFor("commsManager");
  return {
    communicationId,
    reviewId,
    run: () =>
      manager.reviews.release({
        communicationId,
        reviewId,
        channel: "SMS",
        sendDates: sendDates as string[],
        recipients: 500,
      }),
  };
};

describe("send dates", () => {
  it("a day typed as 18/05/2027 is refused by name, with the ISO spelling, and nothing is released", async () => {
    const { communicationId, run } = await releaseWith(["18/05/2027"]);
    const refused = await fieldErrorsOfCall(run);
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.fields["sendDates.0"]).toBe(
      '"18/05/2027" is not a date: write it as YYYY-MM-DD (2027-05-18)',
    );
    expect(await f.db.prisma.release.count({ where: { communicationId } })).toBe(0);
    const review = await f.db.prisma.review.findFirstOrThrow({ where: { communicationId } });
    expect(review.status).toBe("APPROVED");
  });

  it("a day the calendar lacks, a far-off year and a null are refused, never rolled or read as 1970", async () => {
    const cases: [unknown, string][] = [
      ["2027-02-30", '"2027-02-30" is not a date: write it as YYYY-MM-DD, a day the calendar has'],
      [
        "9999-12-31",
        '"9999-12-31" is outside the dates a release is sent: give a day from 2000-01-01',
      ],
      ["1970-01-01", '"1970-01-01" is outside the dates a release is sent'],
      [null, "null is not a date: write it as YYYY-MM-DD"],
      [0, "0 is not a date: write it as YYYY-MM-DD"],
      ["2027-05-18T09:00", '"2027-05-18T09:00" is not a date'],
    ];
    for (const [value, message] of cases) {
      const { communicationId, run } = await releaseWith([value]);
      const refused = await fieldErrorsOfCall(run);
      expect(refused.code, String(value)).toBe("BAD_REQUEST");
      expect(refused.fields["sendDates.0"], String(value)).toContain(message);
      expect(await f.db.prisma.release.count({ where: { communicationId } })).toBe(0);
    }
  });

  it("an ISO day is midnight UTC and a date-time keeps its offset", async () => {
    const { communicationId, run } = await releaseWith(["2027-05-18", "2027-05-19T09:30:00+01:00"]);
    await run();
    const release = await f.db.prisma.release.findFirstOrThrow({ where: { communicationId } });
    expect(release.sendDates.map((d) => d.toISOString())).toEqual([
      "2027-05-18T00:00:00.000Z",
      "2027-05-19T08:30:00.000Z",
    ]);
  });

  it("the token API reads the body with the same schema and the same words", () => {
    const body = { communicationId: "c1", channel: "SMS", recipients: 500 };
    const refused = releaseByTokenSchema.safeParse({ ...body, sendDates: ["18/05/2027"] });
    expect(refused.success).toBe(false);
    expect(fieldErrorsOf(refused.error!)["sendDates.0"]).toBe(
      '"18/05/2027" is not a date: write it as YYYY-MM-DD (2027-05-18)',
    );
    const impossible = releaseByTokenSchema.safeParse({ ...body, sendDates: ["2027-02-30"] });
    expect(impossible.success).toBe(false);
    const read = releaseByTokenSchema.parse({ ...body, sendDates: ["2027-03-01"] });
    expect(read.sendDates).toEqual([new Date("2027-03-01T00:00:00Z")]);
  });
});

describe("the minimum score", () => {
  it("50.5 is refused, not stored as 50", async () => {
    const manager = await f.callerFor("commsManager");
    const before = await f.db.prisma.organization.findUniqueOrThrow({
      where: { id: f.demo.organizationId },
    });
    const refused = await fieldErrorsOfCall(() =>
      manager.reviewSettings.update({
        organizationId: f.demo.organizationId,
        minimumScore: 50.5,
        forbidSelfApproval: true,
        reasonCodes: ["unclear"],
      }),
    );
    expect(refused).toEqual({
      code: "BAD_REQUEST",
      fields: { minimumScore: "must be a whole number from 0 to 100" },
    });
    const after = await f.db.prisma.organization.findUniqueOrThrow({
      where: { id: f.demo.organizationId },
    });
    expect(after.minimumScore).toBe(before.minimumScore);
  });
});

describe("correcting a release", () => {
  /** The demo's released message: owned by the comms manager, released 5 October 2026. */
  const demoRelease = () =>
    f.db.prisma.release.findFirstOrThrow({
      where: { review: { organizationId: f.demo.organizationId } },
      orderBy: { createdAt: "asc" },
    });

  it("changes the send dates, recipients and campaign id in place, audited from → to with the reason", async () => {
    const before = await demoRelease();
    const manager = await f.callerFor("commsManager");
    const corrected = await manager.reviews.correctRelease({
      communicationId: before.communicationId,
      releaseId: before.id,
      sendDates: ["2026-10-06"],
      recipients: 23_512,
      campaignId: "DD-MOVE-2026",
      reason: "The sending system's final count, a day after the planned send",
    });
    expect(corrected.id).toBe(before.id);
    const after = await f.db.prisma.release.findUniqueOrThrow({ where: { id: before.id } });
    expect(after).toMatchObject({
      sendDates: [new Date("2026-10-06T00:00:00Z")],
      recipients: 23_512,
      campaignId: "DD-MOVE-2026",
      versionId: before.versionId,
      reviewId: before.reviewId,
    });
    const entry = await f.db.prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: f.demo.organizationId, kind: "RELEASE_CORRECTED" },
      orderBy: { sequence: "desc" },
    });
    expect(entry.actorId).toBe(f.demo.userIds.commsManager);
    expect(entry.communicationId).toBe(before.communicationId);
    expect(JSON.parse(entry.payload)).toEqual({
      releaseId: before.id,
      reason: "The sending system's final count, a day after the planned send",
      changes: {
        sendDates: {
          from: before.sendDates.map((d) => d.toISOString()),
          to: ["2026-10-06T00:00:00.000Z"],
        },
        recipients: { from: before.recipients, to: 23_512 },
        campaignId: { from: before.campaignId, to: "DD-MOVE-2026" },
      },
    });
    expect((await verifyAuditTrail(f.db.prisma, f.demo.organizationId)).ok).toBe(true);

    // Only what changed is recorded; an empty campaign id removes it.
    await manager.reviews.correctRelease({
      communicationId: before.communicationId,
      releaseId: before.id,
      recipients: 23_512,
      campaignId: "",
      reason: "The campaign id belonged to another send",
    });
    const second = await f.db.prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: f.demo.organizationId, kind: "RELEASE_CORRECTED" },
      orderBy: { sequence: "desc" },
    });
    expect(JSON.parse(second.payload).changes).toEqual({
      campaignId: { from: "DD-MOVE-2026", to: null },
    });
  });

  it("needs a reason, a change, valid dates, and the release of this communication", async () => {
    const release = await demoRelease();
    const manager = await f.callerFor("commsManager");
    const correct = (input: Record<string, unknown>) => () =>
      manager.reviews.correctRelease({
        communicationId: release.communicationId,
        releaseId: release.id,
        reason: "A reason long enough",
        ...input,
      } as Parameters<typeof manager.reviews.correctRelease>[0]);
    expect(await fieldErrorsOfCall(correct({ recipients: 100, reason: "" }))).toMatchObject({
      code: "BAD_REQUEST",
      fields: { reason: expect.stringContaining("Say why") },
    });
    expect(await fieldErrorsOfCall(correct({}))).toMatchObject({
      code: "BAD_REQUEST",
      fields: { form: expect.stringContaining("send dates, recipients or campaign id") },
    });
    expect(await fieldErrorsOfCall(correct({ recipients: release.recipients + 0 }))).toMatchObject({
      code: "BAD_REQUEST",
      fields: { form: expect.any(String) },
    });
    expect(await fieldErrorsOfCall(correct({ sendDates: ["2027-02-30"] }))).toMatchObject({
      code: "BAD_REQUEST",
      fields: { "sendDates.0": expect.stringContaining('"2027-02-30" is not a date') },
    });
    const { communicationId } = await approvedReview();
    expect(
      await outcome(() =>
        manager.reviews.correctRelease({
          communicationId,
          releaseId: release.id,
          recipients: 5,
          reason: "Not this communication's release",
        }),
      ),
    ).toBe("NOT_FOUND");
    const unchanged = await f.db.prisma.release.findUniqueOrThrow({ where: { id: release.id } });
    expect(unchanged).toEqual(release);
  });

  it("is the owner's or a comms manager's; a reviewer is refused and an outsider sees nothing", async () => {
    const release = await demoRelease();
    const input = {
      communicationId: release.communicationId,
      releaseId: release.id,
      recipients: 1,
      reason: "Trying to change the count",
    };
    expect(
      await outcome(async () => (await f.callerFor("legal")).reviews.correctRelease(input)),
    ).toBe("FORBIDDEN");
    expect(
      await outcome(async () => (await f.callerFor("outsider")).reviews.correctRelease(input)),
    ).toBe("NOT_FOUND");
    expect(
      (await f.db.prisma.release.findUniqueOrThrow({ where: { id: release.id } })).recipients,
    ).toBe(release.recipients);
  });
});
