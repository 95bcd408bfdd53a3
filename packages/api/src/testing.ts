import {
  type AccessChange,
  defaultStages,
  loadActor,
  loadCommunication,
  type ReviewStateChange,
  recordVersion,
} from "@conductor/core";
import type { OpenDatabase } from "@conductor/db";
import {
  type DemoSeedResult,
  seedDemoOrganization,
  seedOtherOrganization,
} from "@conductor/db/seed";
import { createTestDatabase } from "@conductor/db/testing";
import { type CollabSignals, createApiContext, type LiveEvent, type LiveSignals } from "./context";
import { createCaller } from "./root";

export const TEST_COLLAB_SECRET = "test-collab-secret";

export type Persona = keyof DemoSeedResult["userIds"] | "outsider" | "signedOut";

/** A database with the demo organisation and a second, unrelated one; a caller per persona. */
export async function createApiFixture() {
  const db: OpenDatabase = await createTestDatabase();
  const demo = await seedDemoOrganization(db.prisma);
  // Null means the demo organisation was already there, which a fresh test database never has.
  if (!demo) throw new Error("The test database already held the demo organisation");
  const other = await seedOtherOrganization(db.prisma);
  const outsiderId = (
    await db.prisma.membership.findFirstOrThrow({ where: { organizationId: other.id } })
  ).userId;
  /** Access changes the API announced, in order (the collab tests exercise the real channel). */
  const accessChanges: AccessChange[] = [];
  /** Review state changes the API announced, in order. */
  const reviewChanges: ReviewStateChange[] = [];
  const collab: CollabSignals = {
    accessChanged: async (change) => {
      accessChanges.push(change);
    },
    reviewChanged: async (change) => {
      reviewChanges.push(change);
    },
  };
  /** What the API announced to open screens, in order (the web app's bus has its own tests). */
  const liveEvents: LiveEvent[] = [];
  const live: LiveSignals = {
    publish: async (event) => {
      liveEvents.push(event);
    },
  };
  /** A caller signed in as any user (for people a test adds). */
  const callerForUser = async (userId: string | null) =>
    createCaller(
      await createApiContext({
        db: db.prisma,
        userId,
        collabSecret: TEST_COLLAB_SECRET,
        collab,
        live,
      }),
    );
  const callerFor = (persona: Persona) =>
    callerForUser(
      persona === "signedOut" ? null : persona === "outsider" ? outsiderId : demo.userIds[persona],
    );
  return {
    db,
    demo,
    otherOrganizationId: other.id,
    callerFor,
    callerForUser,
    accessChanges,
    reviewChanges,
    liveEvents,
  };
}

export type ApiFixture = Awaited<ReturnType<typeof createApiFixture>>;
/** A tRPC caller signed in as one person (or signed out). */
export type ApiCaller = Awaited<ReturnType<ApiFixture["callerFor"]>>;

/** The editor document of one paragraph holding `text`, as the editor would store it. */
export const paragraphDocument = (text: string) => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }] }],
});

/**
 * A saved version of `text`, recorded through the same use case the
 * collaboration server calls, by the comms manager (the demo's owner) unless
 * `userId` names someone else.
 */
export async function savedVersion(
  f: ApiFixture,
  communicationId: string,
  text: string,
  options: { name?: string; userId?: string } = {},
) {
  const actor = await loadActor(f.db.prisma, options.userId ?? f.demo.userIds.commsManager);
  const ctx = { db: f.db.prisma, actor };
  return recordVersion(ctx, await loadCommunication(ctx, communicationId), {
    json: paragraphDocument(text),
    text,
    name: options.name ?? "For review",
    kind: "NAMED",
  });
}

/** One of the demo communications the comms manager owns (the tests' usual subject). */
export const managersCommunication = (f: ApiFixture) =>
  f.db.prisma.communication.findFirstOrThrow({
    where: { organizationId: f.demo.organizationId, ownerId: f.demo.userIds.commsManager },
  });

let written = 0;
/**
 * A fresh communication of the comms manager with one saved version and, when
 * `review` names a state, a review of that version in it: all written
 * directly, for tests that start past the workflow. Each call numbers its
 * title and version hash, so it makes new rows.
 */
export async function communicationWithReview(
  f: ApiFixture,
  options: { title: string; review?: "IN_REVIEW" | "APPROVED"; communicationStatus?: "APPROVED" },
) {
  const n = ++written;
  const communication = await f.db.prisma.communication.create({
    data: {
      organizationId: f.demo.organizationId,
      ownerId: f.demo.userIds.commsManager,
      title: `${options.title} ${n}`,
      channel: "SMS",
      audienceDescription: "Households on the standard plan",
      ...(options.communicationStatus ? { status: options.communicationStatus } : {}),
    },
  });
  const versionHash = n.toString(16).padStart(64, "0");
  const version = await f.db.prisma.communicationVersion.create({
    data: {
      communicationId: communication.id,
      number: 1,
      name: "For review",
      kind: "NAMED",
      authorId: f.demo.userIds.commsManager,
      json: { type: "doc", content: [] },
      text: "We received your payment.",
      contentHash: versionHash,
    },
  });
  const review = options.review
    ? await f.db.prisma.review.create({
        data: {
          organizationId: f.demo.organizationId,
          communicationId: communication.id,
          status: options.review,
          stage: options.review === "APPROVED" ? 2 : 0,
          stages: defaultStages as unknown as object,
          versionId: version.id,
          versionHash,
          rulesVersion: "test",
          score: 80,
          analysis: {},
          submittedById: f.demo.userIds.commsManager,
        },
      })
    : null;
  return {
    communicationId: communication.id,
    versionId: version.id,
    versionHash,
    reviewId: review?.id ?? "",
  };
}

/** A new SMS draft of the demo organisation, created by the comms manager through the API. */
export async function newDraft(f: ApiFixture, title: string) {
  return (await f.callerFor("commsManager")).communications.create({
    organizationId: f.demo.organizationId,
    title,
    channel: "SMS",
    audienceDescription: "Everyone on the standard plan",
  });
}

/** A saved version of `text`, submitted for review by the comms manager through the API. */
export async function submittedReview(
  f: ApiFixture,
  communicationId: string,
  text: string,
  options: { name?: string; overrideReason?: string } = {},
) {
  const version = await savedVersion(f, communicationId, text, { name: options.name });
  const review = await (await f.callerFor("commsManager")).reviews.submit({
    communicationId,
    versionId: version.id,
    ...(options.overrideReason ? { overrideReason: options.overrideReason } : {}),
  });
  return { version, review };
}

/** Runs a call and returns "ok" or the tRPC error code it failed with. */
export async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return "ok";
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!code) throw error;
    return code;
  }
}
