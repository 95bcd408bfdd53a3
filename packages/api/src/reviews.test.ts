import { releaseByToken, remindDueReviews, verifyAuditTrail } from "@conductor/core";
import { briefContentSchema } from "@conductor/core/schemas";
import { createMember } from "@conductor/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ApiFixture,
  createApiFixture,
  newDraft,
  type Persona,
  savedVersion,
  submittedReview,
} from "./testing";

/** "CODE:REASON" of a refused call, or "ok". */
async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return "ok";
  } catch (error) {
    const cause = (error as { cause?: { code?: string; reason?: string } }).cause;
    const code = (error as { code?: string }).code ?? cause?.code;
    if (!code) throw error;
    return cause?.reason ? `${code}:${cause.reason}` : code;
  }
}

const goodText =
  "Thank you: we received your payment of $177.17 today. Your next payment of $177.17 is due on 18 May 2027. You do not need to do anything. Questions? Call us on 0800 123 456.";

describe("review and release", () => {
  let f: ApiFixture;
  const organizationId = () => f.demo.organizationId;
  beforeAll(async () => {
    f = await createApiFixture();
    // The texts here are short: the minimum score is tested on its own below.
    await f.db.prisma.organization.update({
      where: { id: f.demo.organizationId },
      data: { minimumScore: 0 },
    });
  });
  afterAll(() => f.db.close());

  const as = (persona: Persona) => f.callerFor(persona);

  it("the demo's already-released message shows its review, stages and release", async () => {
    const release = await f.db.prisma.release.findFirstOrThrow({
      where: { review: { organizationId: organizationId() } },
    });
    const current = await (await as("legal")).reviews.current({
      communicationId: release.communicationId,
    });
    expect(current.review?.status).toBe("RELEASED");
    expect(current.review?.stages.length).toBeGreaterThanOrEqual(1);
    expect(current.review?.release?.recipients).toBe(release.recipients);
    expect(current.can.mapCallReasons).toBe(false);
    const manager = await (await as("commsManager")).reviews.current({
      communicationId: release.communicationId,
    });
    expect(manager.can.mapCallReasons).toBe(true);
    // The release can be corrected by its owner (the comms manager), not by a reviewer.
    expect(manager.can.correctRelease).toBe(true);
    expect(current.can.correctRelease).toBe(false);
  });

  /** A communication owned by the comms manager, with a brief. */
  async function newCommunication(title: string) {
    const manager = await as("commsManager");
    const created = await manager.communications.create({
      organizationId: organizationId(),
      title,
      channel: "SMS",
      audienceDescription: "Households on the standard plan",
    });
    await manager.briefs.update({
      communicationId: created.id,
      brief: briefContentSchema.parse({
        desiredOutcome: "Knows the payment arrived; no action needed",
      }),
    });
    return created.id;
  }

  /** Saves a version of the given text as the owner (what the collab server does). */
  const saveVersion = (communicationId: string, text: string) =>
    savedVersion(f, communicationId, text);

  const submit = async (communicationId: string, versionId: string) =>
    (await as("commsManager")).reviews.submit({
      communicationId,
      versionId,
      overrideReason: "Short test text",
    });

  const decideAs = async (
    persona: Persona,
    communicationId: string,
    reviewId: string,
    versionHash: string,
    kind: "APPROVE" | "APPROVE_WITH_COMMENTS" | "REQUEST_CHANGES" | "REJECT" = "APPROVE",
    reasonCode?: string,
  ) =>
    (await as(persona)).reviews.decide({
      communicationId,
      reviewId,
      versionHash,
      kind,
      reasonCode,
      comment: kind === "APPROVE" ? "" : "See the second sentence.",
    });

  it("runs submit → changes requested → new version → every stage → release, and audits each step", async () => {
    const communicationId = await newCommunication("Review end to end");
    const v1 = await saveVersion(communicationId, goodText);
    const review = await submit(communicationId, v1.id);
    expect(review).toMatchObject({ status: "IN_REVIEW", stage: 0, versionHash: v1.contentHash });
    expect(review.rulesVersion).toMatch(/^r6-/);

    // Marketing decides in no stage of the default template.
    expect(
      await refusal(() => decideAs("marketing", communicationId, review.id, v1.contentHash)),
    ).toBe("FORBIDDEN:NOT_A_STAGE_REVIEWER");
    await decideAs(
      "legal",
      communicationId,
      review.id,
      v1.contentHash,
      "REQUEST_CHANGES",
      "unclear",
    );
    const current = await (await as("legal")).reviews.current({ communicationId });
    expect(current.review).toMatchObject({ status: "CHANGES_REQUESTED" });
    expect(current.can).toEqual({
      submit: false,
      withdraw: false,
      release: false,
      correctRelease: false,
      decideAs: [],
      mapCallReasons: false,
    });
    expect(
      (await f.db.prisma.communication.findUniqueOrThrow({ where: { id: communicationId } }))
        .status,
    ).toBe("CHANGES_REQUESTED");
    expect(
      await refusal(() => decideAs("compliance", communicationId, review.id, v1.contentHash)),
    ).toBe("CONFLICT:REVIEW_NOT_OPEN");
    expect(
      await refusal(() =>
        decideAs(
          "legal",
          communicationId,
          review.id,
          v1.contentHash,
          "REQUEST_CHANGES",
          "nonsense",
        ),
      ),
    ).toBe("BAD_REQUEST");

    // The owner edits and submits again: same review, back to stage 1, legal's decision superseded.
    const v2 = await saveVersion(communicationId, `${goodText} Your account number ends 4821.`);
    const again = await submit(communicationId, v2.id);
    expect(again).toMatchObject({
      id: review.id,
      status: "IN_REVIEW",
      stage: 0,
      versionHash: v2.contentHash,
    });
    const legalDecisions = await f.db.prisma.reviewDecision.findMany({
      where: { reviewId: review.id, reviewerId: f.demo.userIds.legal },
    });
    expect(legalDecisions.map((d) => d.supersededAt !== null)).toEqual([true]);
    expect(await refusal(() => decideAs("legal", communicationId, review.id, v1.contentHash))).toBe(
      "CONFLICT:VERSION_MISMATCH",
    );

    for (const persona of ["legal", "compliance", "regulatory"] as const)
      await decideAs(persona, communicationId, review.id, v2.contentHash);
    expect(await (await as("accounting")).reviews.current({ communicationId })).toMatchObject({
      review: { stage: 1, status: "IN_REVIEW" },
      can: { submit: false, release: false, decideAs: ["ACCOUNTING"] },
    });
    await decideAs(
      "accounting",
      communicationId,
      review.id,
      v2.contentHash,
      "APPROVE_WITH_COMMENTS",
    );
    const approved = await decideAs("product", communicationId, review.id, v2.contentHash);
    expect(approved.review).toMatchObject({ status: "APPROVED", stage: 2 });

    const release = {
      communicationId,
      reviewId: review.id,
      channel: "SMS" as const,
      sendDates: [new Date("2027-05-01T09:00:00Z")],
      recipients: 48_210,
      campaignId: "CAMP-2027-05",
    };
    expect(await refusal(async () => (await as("legal")).reviews.release(release))).toBe(
      "FORBIDDEN",
    );
    const released = await (await as("commsManager")).reviews.release(release);
    expect(released).toMatchObject({
      versionId: v2.id,
      recipients: 48_210,
      campaignId: "CAMP-2027-05",
    });
    expect(
      (await f.db.prisma.communication.findUniqueOrThrow({ where: { id: communicationId } }))
        .status,
    ).toBe("RELEASED");
    expect(await refusal(async () => (await as("commsManager")).reviews.release(release))).toBe(
      "CONFLICT:NOT_APPROVED",
    );
    // Editing after the release starts a new review; the released one stays as it was.
    const v3 = await saveVersion(communicationId, `${goodText} From May, bills come by email.`);
    const next = await submit(communicationId, v3.id);
    expect(next.id).not.toBe(review.id);
    expect(next).toMatchObject({ status: "IN_REVIEW", stage: 0, versionHash: v3.contentHash });
    expect(await f.db.prisma.review.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({
      status: "RELEASED",
      versionHash: v2.contentHash,
    });

    // The certificate is of the released review, not the one now open: the
    // decisions on v2 only, and the trail entries that recorded them.
    const certificate = await (await as("analyst")).reviews.certificate({ communicationId });
    expect(certificate).toMatchObject({
      reviewId: review.id,
      status: "RELEASED",
      version: { hash: v2.contentHash, text: `${goodText} Your account number ends 4821.` },
      release: { recipients: 48_210, campaignId: "CAMP-2027-05" },
    });
    expect(certificate.brief?.content.desiredOutcome).toBe(
      "Knows the payment arrived; no action needed",
    );
    expect(certificate.decisions.map((d) => [d.function, d.kind])).toEqual([
      ["LEGAL", "APPROVE"],
      ["COMPLIANCE", "APPROVE"],
      ["REGULATORY", "APPROVE"],
      ["ACCOUNTING", "APPROVE_WITH_COMMENTS"],
      ["PRODUCT", "APPROVE"],
    ]);
    // (No override: this organisation's minimum is 0 here.)
    expect(certificate.auditEntries.map((e) => e.kind)).toEqual([
      "SUBMITTED",
      "DECIDED",
      "DECIDED",
      "DECIDED",
      "DECIDED",
      "DECIDED",
      "RELEASED",
    ]);
    for (const entry of certificate.auditEntries)
      expect(
        (
          await f.db.prisma.auditEvent.findFirstOrThrow({
            where: { organizationId: organizationId(), sequence: entry.sequence },
          })
        ).hash,
      ).toBe(entry.hash);
    // The head as the certificate was issued: the newest entry of the whole trail.
    const head = await f.db.prisma.auditEvent.findFirstOrThrow({
      where: { organizationId: organizationId() },
      orderBy: { sequence: "desc" },
    });
    expect(certificate.auditHead).toEqual({ sequence: head.sequence, hash: head.hash });
    expect(
      await refusal(async () => (await as("outsider")).reviews.certificate({ communicationId })),
    ).toBe("NOT_FOUND");

    const trail = await f.db.prisma.auditEvent.findMany({
      where: { communicationId },
      orderBy: { sequence: "asc" },
      select: { kind: true },
    });
    expect(trail.map((e) => e.kind).filter((k) => k !== "OVERRIDE")).toEqual([
      "COMMUNICATION_CREATED",
      "BRIEF_CHANGED",
      "VERSION_SAVED",
      "SUBMITTED",
      "DECIDED",
      "VERSION_SAVED",
      "SUPERSEDED",
      "SUBMITTED",
      "DECIDED",
      "DECIDED",
      "DECIDED",
      "DECIDED",
      "DECIDED",
      "RELEASED",
      "VERSION_SAVED",
      "SUBMITTED",
    ]);
    expect((await verifyAuditTrail(f.db.prisma, organizationId())).ok).toBe(true);
  });

  it("a sending system records the release with its token; an unknown or revoked token is refused", async () => {
    const communicationId = await newCommunication("Released by the sender");
    const v1 = await saveVersion(communicationId, goodText);
    const review = await submit(communicationId, v1.id);
    for (const persona of ["legal", "compliance", "regulatory", "accounting", "product"] as const)
      await decideAs(persona, communicationId, review.id, v1.contentHash);

    const admin = await as("admin");
    const created = await admin.releaseTokens.create({
      organizationId: organizationId(),
      name: "Mail house",
    });
    expect(created.token).toMatch(/^cdr_[A-Za-z0-9_-]{43}$/);
    // Only the hash is kept, and the list never shows the token.
    const stored = await f.db.prisma.releaseToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.tokenHash).not.toContain(created.token);
    expect(
      JSON.stringify(await admin.releaseTokens.list({ organizationId: organizationId() })),
    ).not.toContain(created.token);
    expect(
      await refusal(async () =>
        (await as("commsManager")).releaseTokens.list({ organizationId: organizationId() }),
      ),
    ).toBe("FORBIDDEN");

    const body = {
      communicationId,
      channel: "SMS" as const,
      sendDates: [new Date("2027-02-01T08:00:00Z")],
      recipients: 3_100,
      campaignId: "MAILHOUSE-77",
    };
    const codeOf = async (run: () => Promise<unknown>) =>
      run().then(
        () => "ok",
        (error: { code?: string }) => error.code,
      );
    expect(await codeOf(() => releaseByToken(f.db.prisma, "cdr_not-a-real-token", body))).toBe(
      "UNAUTHENTICATED",
    );
    const other = await f.db.prisma.communication.findFirstOrThrow({
      where: { organizationId: f.otherOrganizationId },
    });
    expect(
      await codeOf(() =>
        releaseByToken(f.db.prisma, created.token, { ...body, communicationId: other.id }),
      ),
    ).toBe("NOT_FOUND");

    const release = await releaseByToken(f.db.prisma, created.token, body);
    expect(release).toMatchObject({
      releasedById: null,
      releasedByTokenId: created.id,
      recipients: 3_100,
    });
    const current = await (await as("legal")).reviews.current({ communicationId });
    expect(current.review?.release?.releasedByName).toBe("Mail house (sending system)");
    const audit = await f.db.prisma.auditEvent.findFirstOrThrow({
      where: { communicationId, kind: "RELEASED" },
    });
    expect(JSON.parse(audit.payload)).toMatchObject({
      via: "release token",
      tokenName: "Mail house",
    });

    await admin.releaseTokens.revoke({ organizationId: organizationId(), tokenId: created.id });
    expect(await codeOf(() => releaseByToken(f.db.prisma, created.token, body))).toBe(
      "UNAUTHENTICATED",
    );
  });

  it("is consistent when reviewers decide at the same moment, and counts nobody twice", async () => {
    const communicationId = await newCommunication("Review race");
    const v1 = await saveVersion(communicationId, goodText);
    const review = await submit(communicationId, v1.id);
    const outcomes = await Promise.all([
      refusal(() => decideAs("legal", communicationId, review.id, v1.contentHash)),
      refusal(() => decideAs("legal", communicationId, review.id, v1.contentHash)),
      refusal(() => decideAs("compliance", communicationId, review.id, v1.contentHash)),
      refusal(() => decideAs("regulatory", communicationId, review.id, v1.contentHash)),
    ]);
    // Legal's second call is refused: as a double decision, or — if the three
    // approvals landed first and the stage moved on — as no longer this stage's.
    const refused = outcomes.filter((o) => o !== "ok");
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(3);
    expect(refused).toHaveLength(1);
    expect(["CONFLICT:ALREADY_DECIDED", "FORBIDDEN:NOT_A_STAGE_REVIEWER"]).toContain(refused[0]);
    const after = await f.db.prisma.review.findUniqueOrThrow({ where: { id: review.id } });
    expect(after).toMatchObject({ stage: 1, status: "IN_REVIEW" });
    expect(await f.db.prisma.reviewDecision.count({ where: { reviewId: review.id } })).toBe(3);
  });

  it("a decision racing a new submission either lands first and is superseded, or is refused", async () => {
    const communicationId = await newCommunication("Decision races an edit");
    const v1 = await saveVersion(communicationId, goodText);
    const review = await submit(communicationId, v1.id);
    const v2 = await saveVersion(communicationId, `${goodText} Thank you for being with us.`);
    const [decision] = await Promise.all([
      refusal(() => decideAs("legal", communicationId, review.id, v1.contentHash)),
      submit(communicationId, v2.id),
    ]);
    expect(["ok", "CONFLICT:VERSION_MISMATCH"]).toContain(decision);
    const after = await f.db.prisma.review.findUniqueOrThrow({
      where: { id: review.id },
      include: { decisions: true },
    });
    expect(after).toMatchObject({ versionHash: v2.contentHash, stage: 0, status: "IN_REVIEW" });
    // Whatever the order, no live decision is on the old version.
    expect(
      after.decisions.filter((d) => d.supersededAt === null && d.versionHash !== v2.contentHash),
    ).toEqual([]);
  });

  it("needs a written reason below the minimum score, and audits the override", async () => {
    const communicationId = await newCommunication("Below the bar");
    const v1 = await saveVersion(
      communicationId,
      "Pursuant to the aforementioned remittance, arrears accrued heretofore remain outstanding.",
    );
    await f.db.prisma.organization.update({
      where: { id: organizationId() },
      data: { minimumScore: 90 },
    });
    try {
      const manager = await as("commsManager");
      expect(
        await refusal(() => manager.reviews.submit({ communicationId, versionId: v1.id })),
      ).toBe("BAD_REQUEST:OVERRIDE_REQUIRED");
      await manager.reviews.submit({
        communicationId,
        versionId: v1.id,
        overrideReason: "Legal wording required by the regulator",
      });
      const override = await f.db.prisma.auditEvent.findFirstOrThrow({
        where: { communicationId, kind: "OVERRIDE" },
      });
      expect(JSON.parse(override.payload)).toMatchObject({
        minimumScore: 90,
        reason: "Legal wording required by the regulator",
      });
    } finally {
      await f.db.prisma.organization.update({
        where: { id: organizationId() },
        data: { minimumScore: 0 },
      });
    }
  });

  it("forbids approving your own submission where the organisation says so", async () => {
    const communicationId = await newCommunication("Self approval");
    // Legal owns this one and submits it.
    await f.db.prisma.communication.update({
      where: { id: communicationId },
      data: { ownerId: f.demo.userIds.legal },
    });
    const v1 = await saveVersion(communicationId, goodText);
    const legal = await as("legal");
    const review = await legal.reviews.submit({
      communicationId,
      versionId: v1.id,
      overrideReason: "Short test text",
    });
    expect(await refusal(() => decideAs("legal", communicationId, review.id, v1.contentHash))).toBe(
      "FORBIDDEN:SELF_APPROVAL_FORBIDDEN",
    );
    await f.db.prisma.organization.update({
      where: { id: organizationId() },
      data: { forbidSelfApproval: false },
    });
    try {
      expect(
        await refusal(() => decideAs("legal", communicationId, review.id, v1.contentHash)),
      ).toBe("ok");
    } finally {
      await f.db.prisma.organization.update({
        where: { id: organizationId() },
        data: { forbidSelfApproval: true },
      });
    }
  });

  it("named reviewers: only members of the function can be named, and only they decide for it", async () => {
    const communicationId = await newCommunication("Named reviewers");
    const manager = await as("commsManager");
    expect(
      await refusal(() =>
        manager.reviews.assign({
          communicationId,
          function: "LEGAL",
          userIds: [f.demo.userIds.marketing],
        }),
      ),
    ).toBe("BAD_REQUEST");
    await manager.reviews.assign({
      communicationId,
      function: "LEGAL",
      userIds: [f.demo.userIds.legal],
    });
    // A second legal member, not named.
    const { user: other } = await createMember(f.db.prisma, {
      organizationId: organizationId(),
      email: `legal-two-${Date.now()}@harbour.example`,
      name: "Lena Second",
      functions: ["LEGAL"],
    });
    const v1 = await saveVersion(communicationId, goodText);
    const review = await submit(communicationId, v1.id);
    const otherCaller = await f.callerForUser(other.id);
    expect(
      await refusal(() =>
        otherCaller.reviews.decide({
          communicationId,
          reviewId: review.id,
          versionHash: v1.contentHash,
          kind: "APPROVE",
          comment: "",
        }),
      ),
    ).toBe("FORBIDDEN:NOT_A_NAMED_REVIEWER");
    expect(await refusal(() => decideAs("legal", communicationId, review.id, v1.contentHash))).toBe(
      "ok",
    );
  });

  it("'My reviews' lists what waits for me in the current stage, and drops it once I decide", async () => {
    const communicationId = await newCommunication("Inbox");
    const v1 = await saveVersion(communicationId, goodText);
    const review = await submit(communicationId, v1.id);
    const inbox = async (persona: Persona) =>
      (await (await as(persona)).reviews.mine({ organizationId: organizationId() })).filter(
        (item) => item.reviewId === review.id,
      );
    expect(await inbox("legal")).toEqual([
      expect.objectContaining({
        functions: ["LEGAL"],
        stageName: "Legal, compliance and regulatory",
        overdue: false,
      }),
    ]);
    expect(await inbox("accounting")).toEqual([]);
    await decideAs("legal", communicationId, review.id, v1.contentHash);
    expect(await inbox("legal")).toEqual([]);
    await decideAs("compliance", communicationId, review.id, v1.contentHash);
    await decideAs("regulatory", communicationId, review.id, v1.contentHash);
    expect(await inbox("accounting")).toHaveLength(1);
  });
});

describe("withdrawing a review", () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture();
    await f.db.prisma.organization.update({
      where: { id: f.demo.organizationId },
      data: { minimumScore: 0 },
    });
  });
  afterAll(() => f.db.close());

  it("the owner withdraws with a reason: no more decisions, out of the inbox, audited; the next submission is a new review", async () => {
    const manager = await f.callerFor("commsManager");
    const organizationId = f.demo.organizationId;
    const created = await newDraft(f, "Withdrawn");
    const { version, review: first } = await submittedReview(f, created.id, goodText, {
      name: "v1",
    });
    const legal = await f.callerFor("legal");
    const inbox = async () =>
      (await legal.reviews.mine({ organizationId })).filter((r) => r.reviewId === first.id);
    expect(await inbox()).toHaveLength(1);

    // Only the owner or a comms manager withdraws; the reason is required.
    expect(
      await refusal(() =>
        legal.reviews.withdraw({
          communicationId: created.id,
          reviewId: first.id,
          reason: "Not needed",
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await refusal(() =>
        manager.reviews.withdraw({ communicationId: created.id, reviewId: first.id, reason: "" }),
      ),
    ).toBe("BAD_REQUEST");
    const withdrawn = await manager.reviews.withdraw({
      communicationId: created.id,
      reviewId: first.id,
      reason: "The price change moved to next quarter",
    });
    expect(withdrawn).toMatchObject({
      status: "WITHDRAWN",
      withdrawnReason: "The price change moved to next quarter",
    });
    expect(await inbox()).toEqual([]);
    const current = await manager.reviews.current({ communicationId: created.id });
    expect(current.can.withdraw).toBe(false);
    expect(
      (await f.db.prisma.communication.findUniqueOrThrow({ where: { id: created.id } })).status,
    ).toBe("DRAFT");
    expect(
      await refusal(() =>
        legal.reviews.decide({
          communicationId: created.id,
          reviewId: first.id,
          versionHash: version.contentHash,
          kind: "APPROVE",
          comment: "",
        }),
      ),
    ).toBe("CONFLICT:REVIEW_NOT_OPEN");
    expect(
      await refusal(() =>
        manager.reviews.withdraw({
          communicationId: created.id,
          reviewId: first.id,
          reason: "Again",
        }),
      ),
    ).toBe("CONFLICT:REVIEW_CLOSED");
    const trail = await manager.audit.trail({ communicationId: created.id });
    expect(trail.find((e) => e.kind === "WITHDRAWN")?.payload).toMatchObject({
      reviewId: first.id,
      fromStatus: "IN_REVIEW",
      reason: "The price change moved to next quarter",
    });
    expect((await verifyAuditTrail(f.db.prisma, organizationId)).ok).toBe(true);

    const second = await manager.reviews.submit({
      communicationId: created.id,
      versionId: version.id,
    });
    expect(second.id).not.toBe(first.id);
    expect(second.status).toBe("IN_REVIEW");
  });

  it("a new review follows the template the owner picks; an open review keeps its own", async () => {
    const manager = await f.callerFor("commsManager");
    const organizationId = f.demo.organizationId;
    const quick = await manager.reviewSettings.saveTemplate({
      organizationId,
      name: "Product only",
      stages: [
        {
          name: "Product check",
          functions: ["PRODUCT"],
          quorum: { kind: "any" },
          dueBusinessDays: 1,
        },
      ],
      makeDefault: false,
    });
    expect(
      await refusal(() =>
        manager.reviewSettings.saveTemplate({
          organizationId,
          name: "Product only",
          stages: [
            { name: "Twice", functions: ["PRODUCT"], quorum: { kind: "any" }, dueBusinessDays: 1 },
          ],
          makeDefault: false,
        }),
      ),
    ).toBe("CONFLICT");
    const created = await newDraft(f, "Quick check");
    const version = await savedVersion(f, created.id, goodText, { name: "v1" });
    const listed = await manager.reviews.current({ communicationId: created.id });
    expect(listed.templates.map((t) => t.name)).toContain("Product only");
    expect(
      await refusal(() =>
        manager.reviews.submit({
          communicationId: created.id,
          versionId: version.id,
          templateId: "c0000000000000000000000x",
        }),
      ),
    ).toBe("NOT_FOUND");
    const review = await manager.reviews.submit({
      communicationId: created.id,
      versionId: version.id,
      templateId: quick.id,
    });
    expect(review.templateName).toBe("Product only");
    const decided = await (await f.callerFor("product")).reviews.decide({
      communicationId: created.id,
      reviewId: review.id,
      versionHash: version.contentHash,
      kind: "APPROVE",
      comment: "",
    });
    expect(decided.review.status).toBe("APPROVED");
    expect(
      await refusal(() =>
        manager.reviews.submit({
          communicationId: created.id,
          versionId: version.id,
          templateId: quick.id,
        }),
      ),
    ).toBe("CONFLICT:REVIEW_UNDER_WAY");
  });
});

describe("review notifications", () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture();
    await f.db.prisma.organization.update({
      where: { id: f.demo.organizationId },
      data: { minimumScore: 0 },
    });
  });
  afterAll(() => f.db.close());

  const kindsFor = async (persona: Persona, communicationId: string) =>
    (
      await (
        await f.callerFor(persona)
      ).notifications.list({
        organizationId: f.demo.organizationId,
      })
    ).items
      .filter((n) => n.communicationId === communicationId)
      .map((n) => n.kind)
      .sort();

  it("tells each stage's reviewers, the owner on changes and approval, everyone on release; reminds once when overdue", async () => {
    const manager = await f.callerFor("commsManager");
    const created = await newDraft(f, "Notify me");
    const communicationId = created.id;
    const save = (text: string) => savedVersion(f, communicationId, text, { name: "v" });
    const v1 = await save(goodText);
    const review = await manager.reviews.submit({ communicationId, versionId: v1.id });
    expect(await kindsFor("legal", communicationId)).toEqual(["REVIEW_WAITING"]);
    expect(await kindsFor("accounting", communicationId)).toEqual([]);

    const decide = async (persona: Persona, versionHash: string, kind = "APPROVE" as const) =>
      (await f.callerFor(persona)).reviews.decide({
        communicationId,
        reviewId: review.id,
        versionHash,
        kind,
        comment: "",
      });
    await (await f.callerFor("legal")).reviews.decide({
      communicationId,
      reviewId: review.id,
      versionHash: v1.contentHash,
      kind: "REQUEST_CHANGES",
      reasonCode: "unclear",
      comment: "Say when.",
    });
    expect(await kindsFor("commsManager", communicationId)).toEqual(["CHANGES_REQUESTED"]);

    const v2 = await save(`${goodText} Thanks again.`);
    await manager.reviews.submit({ communicationId, versionId: v2.id });
    // Overdue: the queue's minutely reminder job makes it once, however often it runs;
    // reading the list makes none.
    await f.db.prisma.review.update({
      where: { id: review.id },
      data: { stageDueAt: new Date(Date.now() - 60_000) },
    });
    expect(await kindsFor("compliance", communicationId)).toEqual([
      "REVIEW_WAITING",
      "REVIEW_WAITING",
    ]);
    expect(await remindDueReviews(f.db.prisma)).toBeGreaterThan(0);
    expect(await remindDueReviews(f.db.prisma)).toBe(0);
    expect(await kindsFor("compliance", communicationId)).toEqual([
      "OVERDUE",
      "REVIEW_WAITING",
      "REVIEW_WAITING",
    ]);

    for (const persona of ["legal", "compliance", "regulatory"] as const)
      await decide(persona, v2.contentHash);
    expect(await kindsFor("product", communicationId)).toEqual(["REVIEW_WAITING"]);
    await decide("accounting", v2.contentHash);
    await decide("product", v2.contentHash);
    expect(await kindsFor("commsManager", communicationId)).toEqual([
      "CHANGES_REQUESTED",
      "REVIEW_APPROVED",
    ]);
    await manager.reviews.release({
      communicationId,
      reviewId: review.id,
      channel: "SMS",
      sendDates: [new Date("2027-01-04T09:00:00Z")],
      recipients: 12,
    });
    expect(await kindsFor("accounting", communicationId)).toEqual(["RELEASED", "REVIEW_WAITING"]);
  });
});

describe("review settings", () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture();
  });
  afterAll(() => f.db.close());

  it("a comms manager sets the default template; the next submission copies its stages, earlier ones keep theirs", async () => {
    const manager = await f.callerFor("commsManager");
    const organizationId = f.demo.organizationId;
    const before = await manager.reviewSettings.get({ organizationId });
    expect(before.templates.map((t) => [t.name, t.isDefault])).toEqual([["Standard review", true]]);
    expect(before.minimumScore).toBe(60);

    // A stage with no function is refused, naming the field.
    expect(
      await refusal(() =>
        manager.reviewSettings.saveTemplate({
          organizationId,
          name: "Broken",
          stages: [{ name: "Nobody", functions: [], quorum: { kind: "any" }, dueBusinessDays: 1 }],
          makeDefault: true,
        }),
      ),
    ).toBe("BAD_REQUEST");
    const saved = await manager.reviewSettings.saveTemplate({
      organizationId,
      name: "Legal only",
      stages: [
        {
          name: "Two lawyers",
          functions: ["LEGAL"],
          quorum: { kind: "count", count: 1 },
          dueBusinessDays: 1,
        },
      ],
      makeDefault: true,
    });
    const after = await manager.reviewSettings.get({ organizationId });
    expect(after.templates.map((t) => [t.name, t.isDefault])).toEqual([
      ["Legal only", true],
      ["Standard review", false],
    ]);
    expect(saved.stages[0]!.quorum).toEqual({ kind: "count", count: 1 });

    const updated = await manager.reviewSettings.update({
      organizationId,
      minimumScore: 0,
      forbidSelfApproval: false,
      reasonCodes: ["wrong-amount", "unclear"],
    });
    expect(updated).toMatchObject({
      minimumScore: 0,
      forbidSelfApproval: false,
      reviewReasonCodes: ["wrong-amount", "unclear"],
    });
    expect(
      await refusal(() =>
        manager.reviewSettings.update({
          organizationId,
          minimumScore: 0,
          forbidSelfApproval: false,
          reasonCodes: ["Not OK!"],
        }),
      ),
    ).toBe("BAD_REQUEST");
    expect(
      await refusal(async () =>
        (await f.callerFor("legal")).reviewSettings.update({
          organizationId,
          minimumScore: 0,
          forbidSelfApproval: false,
          reasonCodes: ["x-y"],
        }),
      ),
    ).toBe("FORBIDDEN");

    const created = await newDraft(f, "Under the new template");
    const { version, review } = await submittedReview(f, created.id, goodText, { name: "v1" });
    const decided = await (await f.callerFor("legal")).reviews.decide({
      communicationId: created.id,
      reviewId: review.id,
      versionHash: version.contentHash,
      kind: "REQUEST_CHANGES",
      reasonCode: "wrong-amount",
      comment: "",
    });
    expect(decided.review.status).toBe("CHANGES_REQUESTED");
    const current = await manager.reviews.current({ communicationId: created.id });
    expect(current.review?.stages.map((s) => s.name)).toEqual(["Two lawyers"]);
  });
});
