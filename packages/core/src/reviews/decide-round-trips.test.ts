import { type OpenDatabase, PrismaClient } from "@conductor/db";
import type { ReviewFunction } from "@conductor/db/enums";
import { createMember, createOrganization } from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActor } from "../actor";
import { loadCommunication } from "../communications/load";
import { recordVersion } from "../versions/record-version";
import { decideReview } from "./decide";
import { submitForReview } from "./submit";

// A decision enqueues its mail (the notification rows the relay reads) and
// its webhook deliveries inside its own transaction, while it holds the
// review's lock. These tests count the statements that do it (never time
// them): one, whoever the recipients are, so a change that reads the
// memberships or webhooks first again is seen.

const enqueueing = /"(Notification|WebhookDelivery|Webhook|Membership)"/;

describe("a decision's enqueue of notifications and webhook deliveries", () => {
  let db: OpenDatabase;
  let counted: PrismaClient<"query">;
  const statements: string[] = [];
  let organizationId: string;
  let ownerId: string;
  let otherManagerId: string;
  const reviewers = new Map<ReviewFunction, string>();
  let accountingTwoId: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    // The same connection, through a client that reports every statement it sends.
    counted = new PrismaClient({
      adapter: db.connection.adapterFactory,
      log: [{ emit: "event", level: "query" }],
    });
    counted.$on("query", (event) => statements.push(event.query));
    organizationId = (await createOrganization(db.prisma)).id;
    ownerId = (await createMember(db.prisma, { organizationId, roles: ["COMMS_MANAGER"] })).user.id;
    otherManagerId = (await createMember(db.prisma, { organizationId, roles: ["COMMS_MANAGER"] }))
      .user.id;
    for (const fn of ["LEGAL", "COMPLIANCE", "REGULATORY", "ACCOUNTING", "PRODUCT"] as const)
      reviewers.set(
        fn,
        (await createMember(db.prisma, { organizationId, functions: [fn] })).user.id,
      );
    accountingTwoId = (await createMember(db.prisma, { organizationId, functions: ["ACCOUNTING"] }))
      .user.id;
    // One live webhook for every review step, one for releases only, one deleted.
    const hook = { organizationId, url: "https://hooks.example/x", secret: "whsec_test" };
    await db.prisma.webhook.createMany({
      data: [
        {
          ...hook,
          name: "All steps",
          events: ["REVIEW_WAITING", "REVIEW_APPROVED", "CHANGES_REQUESTED", "RELEASED"],
        },
        { ...hook, name: "Releases", events: ["RELEASED"] },
        {
          ...hook,
          name: "Gone",
          events: ["REVIEW_WAITING", "REVIEW_APPROVED", "CHANGES_REQUESTED"],
          deletedAt: new Date(),
        },
      ],
    });
  });
  afterAll(async () => {
    await counted.$disconnect();
    await db.close();
  });

  const reviewerId = (fn: ReviewFunction) => {
    const id = reviewers.get(fn);
    if (!id) throw new Error(`No ${fn} reviewer in the fixture`);
    return id;
  };

  async function submitted(title: string) {
    const ctx = { db: db.prisma, actor: await loadActor(db.prisma, ownerId) };
    const row = await db.prisma.communication.create({
      data: { organizationId, ownerId, title, channel: "SMS", audienceDescription: "All" },
    });
    const version = await recordVersion(ctx, await loadCommunication(ctx, row.id), {
      json: { type: "doc", content: [] },
      text: title,
      name: "For review",
      kind: "NAMED",
    });
    const review = await submitForReview(ctx, await loadCommunication(ctx, row.id), {
      versionId: version.id,
      communicationId: row.id,
      overrideReason: "Counted",
    });
    const { contentHash } = await db.prisma.communicationVersion.findUniqueOrThrow({
      where: { id: version.id },
    });
    return { communicationId: row.id, reviewId: review.id, versionHash: contentHash };
  }

  async function decided(
    review: Awaited<ReturnType<typeof submitted>>,
    fn: ReviewFunction,
    kind: "APPROVE" | "REQUEST_CHANGES",
  ) {
    const actor = await loadActor(db.prisma, reviewerId(fn));
    if (!actor) throw new Error(`The ${fn} reviewer did not load`);
    const ctx = { db: counted, actor };
    const communication = await loadCommunication(ctx, review.communicationId);
    statements.length = 0;
    const result = await decideReview(ctx, communication, {
      ...review,
      kind,
      reasonCode: kind === "REQUEST_CHANGES" ? "unclear" : undefined,
      comment: "",
      withChanges: false,
    });
    const sent = statements.filter((sql) => enqueueing.test(sql));
    const notified = await db.prisma.notification.findMany({
      where: { communicationId: review.communicationId, actorName: actor.name },
      select: { userId: true, kind: true },
    });
    const delivered = await db.prisma.webhookDelivery.findMany({
      where: { communicationId: review.communicationId, event: { not: "REVIEW_WAITING" } },
      select: { event: true, webhook: { select: { name: true } } },
    });
    return { result, sent, notified, delivered };
  }

  it("changes requested: the owner and submitter (one person), the subscribed live webhook, in one statement", async () => {
    const review = await submitted("Changes");
    const { sent, notified, delivered } = await decided(review, "COMPLIANCE", "REQUEST_CHANGES");
    expect(sent).toHaveLength(1);
    expect(notified).toEqual([{ userId: ownerId, kind: "CHANGES_REQUESTED" }]);
    expect(delivered).toEqual([{ event: "CHANGES_REQUESTED", webhook: { name: "All steps" } }]);
  });

  it("a stage done: every member of the next stage's functions, found and notified in one statement", async () => {
    const review = await submitted("Next stage");
    for (const fn of ["LEGAL", "COMPLIANCE"] as const) {
      const { sent, notified } = await decided(review, fn, "APPROVE");
      // The stage still waits: nothing to tell, nothing sent.
      expect(sent).toHaveLength(0);
      expect(notified).toEqual([]);
    }
    const { sent, notified } = await decided(review, "REGULATORY", "APPROVE");
    expect(sent).toHaveLength(1);
    expect(notified.map((n) => n.userId).sort()).toEqual(
      [reviewerId("ACCOUNTING"), accountingTwoId, reviewerId("PRODUCT")].sort(),
    );
    expect(new Set(notified.map((n) => n.kind))).toEqual(new Set(["REVIEW_WAITING"]));
    const waiting = await db.prisma.webhookDelivery.findMany({
      where: { communicationId: review.communicationId, event: "REVIEW_WAITING" },
      select: { webhook: { select: { name: true } } },
    });
    // The submission's, and the next stage's.
    expect(waiting).toEqual([
      { webhook: { name: "All steps" } },
      { webhook: { name: "All steps" } },
    ]);
  });

  it("every stage approved: the owner and every comms manager, never the decider, in one statement", async () => {
    const review = await submitted("Approved");
    for (const fn of ["LEGAL", "COMPLIANCE", "REGULATORY", "ACCOUNTING"] as const)
      await decided(review, fn, "APPROVE");
    const { result, sent, notified, delivered } = await decided(review, "PRODUCT", "APPROVE");
    expect(result.review.status).toBe("APPROVED");
    expect(sent).toHaveLength(1);
    expect(notified.map((n) => n.userId).sort()).toEqual([ownerId, otherManagerId].sort());
    expect(new Set(notified.map((n) => n.kind))).toEqual(new Set(["REVIEW_APPROVED"]));
    expect(delivered).toEqual([{ event: "REVIEW_APPROVED", webhook: { name: "All steps" } }]);
  });
});
