import type { OpenDatabase } from "@conductor/db";
import { type DemoSeedResult, seedDemoOrganization } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../actor";
import { updateReviewSettings } from "../reviews/update-review-settings";
import { directEditAllowed } from "./edit-rights";

describe("who may edit directly while a review is open", () => {
  let db: OpenDatabase;
  let demo: DemoSeedResult;
  let communicationId: string;
  let organizationId: string;
  const allowed = (userId: string) => directEditAllowed(db.prisma, { userId, communicationId });

  beforeAll(async () => {
    db = await createTestDatabase();
    demo = (await seedDemoOrganization(db.prisma))!;
    // Marketing's message under an open review: the comms manager is not its owner.
    const communication = await db.prisma.communication.findFirstOrThrow({
      where: { title: { contains: "transactional" } },
    });
    ({ id: communicationId, organizationId } = communication);
    await db.prisma.communication.update({
      where: { id: communicationId },
      data: { ownerId: demo.userIds.marketing },
    });
    const version = await db.prisma.communicationVersion.create({
      data: {
        communicationId,
        number: 1,
        name: "Submitted",
        kind: "AUTOMATIC",
        authorId: demo.userIds.marketing,
        json: { type: "doc", content: [] },
        text: communication.body,
        contentHash: "0".repeat(64),
      },
    });
    await db.prisma.review.create({
      data: {
        organizationId,
        communicationId,
        stages: [
          { name: "Legal", functions: ["LEGAL"], quorum: { kind: "any" }, dueBusinessDays: 2 },
        ],
        versionId: version.id,
        versionHash: version.contentHash,
        rulesVersion: "test",
        score: 80,
        analysis: { score: 80, findings: [] },
        submittedById: demo.userIds.marketing,
      },
    });
  });
  afterAll(() => db?.close());

  it("is the owner alone by default; the organisation's setting adds comms managers, and changing it is audited", async () => {
    expect(await allowed(demo.userIds.marketing)).toBe(true);
    expect(await allowed(demo.userIds.commsManager)).toBe(false);
    expect(await allowed(demo.userIds.legal)).toBe(false);

    const ctx = { db: db.prisma, actor: await loadActor(db.prisma, demo.userIds.commsManager) };
    const organization = await db.prisma.organization.findUniqueOrThrow({
      where: { id: organizationId },
    });
    const rules = {
      organizationId,
      minimumScore: organization.minimumScore,
      forbidSelfApproval: organization.forbidSelfApproval,
      reasonCodes: organization.reviewReasonCodes,
    };
    const settings = await updateReviewSettings(ctx, {
      ...rules,
      commsManagersEditDuringReview: true,
    });
    expect(settings.commsManagersEditDuringReview).toBe(true);
    expect(await allowed(demo.userIds.commsManager)).toBe(true);
    expect(await allowed(demo.userIds.legal)).toBe(false);
    const entries = await db.prisma.auditEvent.findMany({
      where: { organizationId, kind: "REVIEW_SETTINGS_CHANGED" },
    });
    expect(entries.map((e) => JSON.parse(e.payload))).toEqual([
      {
        setting: "reviewRules",
        changes: { commsManagersEditDuringReview: { from: false, to: true } },
      },
    ]);

    // Saving the other rules without naming it leaves it, and records nothing.
    await updateReviewSettings(ctx, rules);
    expect(await allowed(demo.userIds.commsManager)).toBe(true);
    expect(
      await db.prisma.auditEvent.count({
        where: { organizationId, kind: "REVIEW_SETTINGS_CHANGED" },
      }),
    ).toBe(1);

    // Once the review closes, anyone who may write edits directly again.
    await db.prisma.review.updateMany({ where: { communicationId }, data: { status: "APPROVED" } });
    expect(await allowed(demo.userIds.legal)).toBe(true);
  });
});
