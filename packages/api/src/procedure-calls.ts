// One valid call of every API procedure, shared by the authorisation matrix and
// the malformed-input test.
import { createHash, randomBytes } from "node:crypto";
import { briefContentSchema } from "@conductor/core/schemas";
import {
  communicationWithReview,
  type createApiFixture,
  managersCommunication,
  type Persona,
} from "./testing";

export type Fixture = Awaited<ReturnType<typeof createApiFixture>>;
export type Caller = Awaited<ReturnType<Fixture["callerFor"]>>;

const reviewers: Persona[] = [
  "marketing",
  "legal",
  "compliance",
  "regulatory",
  "accounting",
  "product",
];
export const members: Persona[] = [...reviewers, "commsManager", "analyst", "admin"];
export const personas: Persona[] = [...members, "outsider", "signedOut"];

export interface ProcedureCall {
  /** Who gets through; every other member gets FORBIDDEN. */
  allowed: Persona[];
  call(caller: Caller, f: Fixture, persona: Persona): Promise<unknown>;
  /** What an outsider gets: the organisation's data stays invisible. */
  outsider?: "NOT_FOUND" | "ok";
}

let seq = 0;
const unique = () => ++seq;

/** A fresh thread opened by legal, so each persona's attempt starts from the same state. */
async function legalThread(f: Fixture) {
  const communication = await managersCommunication(f);
  const thread = await f.db.prisma.commentThread.create({
    data: {
      organizationId: f.demo.organizationId,
      communicationId: communication.id,
      authorId: f.demo.userIds.legal,
      quote: "was received",
      comments: { create: { authorId: f.demo.userIds.legal, body: "Say who received it." } },
    },
    include: { comments: true },
  });
  const [comment] = thread.comments;
  if (!comment) throw new Error("The thread was created without its first comment");
  return { communicationId: communication.id, threadId: thread.id, commentId: comment.id };
}

/** An invitation written directly, with the token its link would carry. */
async function invitationFor(f: Fixture, organizationId: string, email: string) {
  const token = randomBytes(32).toString("base64url");
  const invitation = await f.db.prisma.invitation.create({
    data: {
      organizationId,
      email,
      invitedById: f.demo.userIds.admin,
      tokenHash: createHash("sha256").update(token).digest("hex"),
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  return { token, invitationId: invitation.id };
}

/**
 * A fresh import of one count into the demo organisation, so each attempt to
 * remove one starts from an import that is still there.
 */
async function demoImport(f: Fixture) {
  const organizationId = f.demo.organizationId;
  const reason = await f.db.prisma.callReason.findFirstOrThrow({ where: { organizationId } });
  const made = await f.db.prisma.callImport.create({
    data: {
      organizationId,
      source: "UPLOAD",
      fileName: `matrix-${unique()}.csv`,
      sha256: "0".repeat(64),
      granularity: "DAY",
      rows: 1,
      changed: 1,
      importedById: f.demo.userIds.analyst,
    },
  });
  await f.db.prisma.callVolume.create({
    data: {
      organizationId,
      granularity: "DAY",
      day: new Date(Date.UTC(2001, 0, 1) + unique() * 86_400_000),
      reasonCode: reason.code,
      calls: 3,
      importId: made.id,
    },
  });
  return made;
}

/** A queued call import of the demo organisation's analyst, as the upload route stores one. */
const demoImportJob = (f: Fixture) =>
  f.db.prisma.callImportJob.create({
    data: {
      organizationId: f.demo.organizationId,
      requestedById: f.demo.userIds.analyst,
      dryRun: true,
      fileName: `matrix-${unique()}.csv`,
      options: { granularity: "DAY", dateFormat: "iso", mapping: {}, dropColumns: [] },
      bytesTotal: 0,
    },
  });

const somePersona = (f: Fixture) =>
  f.db.prisma.persona.findFirstOrThrow({ where: { organizationId: f.demo.organizationId } });

/** A persona of its own for each attempt, so archiving or deleting one changes no other row. */
const freshPersona = (f: Fixture) =>
  f.db.prisma.persona.create({
    data: {
      organizationId: f.demo.organizationId,
      name: `Disposable ${unique()}`,
      vignette: "Made for one authorisation check.",
      readingGrade: 8,
    },
  });

/** Two versions of one communication, written directly. */
async function twoVersions(f: Fixture) {
  const communication = await managersCommunication(f);
  const make = (n: number, text: string) =>
    f.db.prisma.communicationVersion.create({
      data: {
        communicationId: communication.id,
        number: 1000 + unique() * 2 + n,
        name: `Matrix ${n}`,
        kind: "NAMED",
        authorId: f.demo.userIds.commsManager,
        json: { type: "doc", content: [] },
        text,
        contentHash: "0".repeat(64),
      },
    });
  const [a, b] = [
    await make(0, "Your payment arrived."),
    await make(1, "We received your payment."),
  ];
  return { communicationId: communication.id, fromVersionId: a.id, toVersionId: b.id };
}

/** A version taken under a brief with an outcome, so it can be judged as the customer. */
async function judgeableVersion(f: Fixture) {
  const communication = await managersCommunication(f);
  const n = unique();
  const revision = await f.db.prisma.briefRevision.create({
    data: {
      communicationId: communication.id,
      number: 1000 + n,
      content: { desiredOutcome: "Knows the payment arrived" },
      authorId: f.demo.userIds.commsManager,
    },
  });
  const version = await f.db.prisma.communicationVersion.create({
    data: {
      communicationId: communication.id,
      number: 5000 + n,
      name: `Judged ${n}`,
      kind: "NAMED",
      authorId: f.demo.userIds.commsManager,
      json: { type: "doc", content: [] },
      text: "We received your payment.",
      contentHash: "1".repeat(64),
      briefRevisionId: revision.id,
    },
  });
  return { communicationId: communication.id, versionId: version.id };
}

/** A fresh communication with a saved version and, optionally, a review in the given state. */
const reviewFixture = (f: Fixture, status?: "IN_REVIEW" | "APPROVED") =>
  communicationWithReview(f, { title: "Matrix review", review: status });

/** A communication released on 4 January 2027, recorded directly, ready to be corrected. */
async function releasedFixture(f: Fixture) {
  const { communicationId, versionId, reviewId } = await reviewFixture(f, "APPROVED");
  await f.db.prisma.review.update({ where: { id: reviewId }, data: { status: "RELEASED" } });
  const release = await f.db.prisma.release.create({
    data: {
      reviewId,
      communicationId,
      versionId,
      channel: "SMS",
      sendDates: [new Date("2027-01-04T00:00:00Z")],
      recipients: 10,
      releasedById: f.demo.userIds.commsManager,
    },
  });
  return { communicationId, releaseId: release.id };
}

/**
 * Every procedure of the API, called the way a client would with valid input,
 * and who may call it. The authorisation matrix runs each as every persona; the
 * malformed-input test replays each with one value at a time spoiled.
 */
export const procedureCalls: Record<string, ProcedureCall> = {
  "viewer.me": { allowed: members, outsider: "ok", call: (c) => c.viewer.me() },
  "communications.list": {
    allowed: members,
    call: (c, f) => c.communications.list({ organizationId: f.demo.organizationId }),
  },
  "communications.create": {
    allowed: ["commsManager"],
    call: (c, f) =>
      c.communications.create({
        organizationId: f.demo.organizationId,
        title: `Matrix ${unique()}`,
        channel: "EMAIL",
        audienceDescription: "Everyone on the list",
      }),
  },
  "communications.byId": {
    allowed: members,
    call: async (c, f) => {
      const { id } = await f.db.prisma.communication.findFirstOrThrow({
        where: { organizationId: f.demo.organizationId },
      });
      return c.communications.byId({ communicationId: id });
    },
  },
  "communications.update": {
    allowed: ["commsManager"],
    call: async (c, f) => {
      const { id } = await managersCommunication(f);
      return c.communications.update({ communicationId: id, title: `Renamed ${unique()}` });
    },
  },
  "collab.token": {
    allowed: members,
    call: async (c, f) => {
      const { id } = await f.db.prisma.communication.findFirstOrThrow({
        where: { organizationId: f.demo.organizationId },
      });
      return c.collab.token({ communicationId: id });
    },
  },
  "comments.list": {
    allowed: members,
    call: async (c, f) => c.comments.list({ communicationId: (await managersCommunication(f)).id }),
  },
  "comments.mentionables": {
    allowed: members,
    call: async (c, f) =>
      c.comments.mentionables({ communicationId: (await managersCommunication(f)).id }),
  },
  "comments.start": {
    allowed: members,
    call: async (c, f) =>
      c.comments.start({
        communicationId: (await managersCommunication(f)).id,
        quote: "was received",
        body: "Who received it?",
      }),
  },
  "comments.reply": {
    allowed: members,
    call: async (c, f) => {
      const { communicationId, threadId } = await legalThread(f);
      return c.comments.reply({ communicationId, threadId, body: "Agreed." });
    },
  },
  "comments.edit": {
    // Only the author edits their comment.
    allowed: ["legal"],
    call: async (c, f) => {
      const { communicationId, commentId } = await legalThread(f);
      return c.comments.edit({ communicationId, commentId, body: "Say who received it, please." });
    },
  },
  "comments.resolve": {
    // The thread's author (legal) or the communication's owner (comms manager).
    allowed: ["legal", "commsManager"],
    call: async (c, f) => {
      const { communicationId, threadId } = await legalThread(f);
      return c.comments.resolve({ communicationId, threadId, resolved: true });
    },
  },
  "versions.list": {
    allowed: members,
    call: async (c, f) => c.versions.list({ communicationId: (await managersCommunication(f)).id }),
  },
  "versions.content": {
    allowed: members,
    call: async (c, f) => {
      const { communicationId, fromVersionId } = await twoVersions(f);
      return c.versions.content({ communicationId, versionId: fromVersionId });
    },
  },
  "versions.compare": {
    allowed: members,
    call: async (c, f) => c.versions.compare(await twoVersions(f)),
  },
  "notifications.list": {
    allowed: members,
    call: (c, f) => c.notifications.list({ organizationId: f.demo.organizationId }),
  },
  "notifications.markRead": {
    allowed: members,
    call: (c, f) => c.notifications.markRead({ organizationId: f.demo.organizationId }),
  },
  "mail.outbox": {
    allowed: ["admin"],
    call: (c, f) => c.mail.outbox({ organizationId: f.demo.organizationId }),
  },
  "mail.retry": {
    allowed: ["admin"],
    // A failed mail of its own for each call: a retried one is queued, not failed.
    call: async (c, f) =>
      c.mail.retry({
        organizationId: f.demo.organizationId,
        mailId: (
          await f.db.prisma.outgoingMail.create({
            data: {
              organizationId: f.demo.organizationId,
              kind: "MENTION",
              recipient: "rita@harbour.example",
              subject: "A mention",
              html: "<p>A mention</p>",
              text: "A mention",
              status: "FAILED",
              attempts: 7,
              lastError: "Attempt 7 of 7: 451 Mailbox busy",
            },
          })
        ).id,
      }),
  },
  "webhooks.list": {
    allowed: ["admin"],
    call: (c, f) => c.webhooks.list({ organizationId: f.demo.organizationId }),
  },
  "webhooks.create": {
    allowed: ["admin"],
    call: (c, f) =>
      c.webhooks.create({
        organizationId: f.demo.organizationId,
        name: "Slack #reviews",
        url: "https://hooks.example.com/services/T0/B0/conductor",
        events: ["REVIEW_APPROVED", "RELEASED"],
      }),
  },
  "webhooks.delete": {
    allowed: ["admin"],
    // A webhook of its own for each call: a deleted one is gone.
    call: async (c, f) =>
      c.webhooks.delete({
        organizationId: f.demo.organizationId,
        webhookId: (
          await f.db.prisma.webhook.create({
            data: {
              organizationId: f.demo.organizationId,
              name: "To delete",
              url: "https://hooks.example.com/delete-me",
              secret: "whsec_test",
              events: ["RELEASED"],
            },
          })
        ).id,
      }),
  },
  "webhooks.retryDelivery": {
    allowed: ["admin"],
    // A failed delivery of its own for each call: a re-sent one is queued, not failed.
    call: async (c, f) => {
      const organizationId = f.demo.organizationId;
      const webhook = await f.db.prisma.webhook.create({
        data: {
          organizationId,
          name: "Failing receiver",
          url: "https://hooks.example.com/failing",
          secret: "whsec_test",
          events: ["RELEASED"],
        },
      });
      const delivery = await f.db.prisma.webhookDelivery.create({
        data: {
          webhookId: webhook.id,
          organizationId,
          event: "RELEASED",
          communicationId: (await managersCommunication(f)).id,
          actorName: "Casey Manager",
          excerpt: "released",
          status: "FAILED",
          attempts: 7,
          lastError: "Attempt 7 of 7: the receiver answered 500",
        },
      });
      return c.webhooks.retryDelivery({ organizationId, deliveryId: delivery.id });
    },
  },
  "mail.preferences": {
    allowed: members,
    call: (c, f) => c.mail.preferences({ organizationId: f.demo.organizationId }),
  },
  "mail.setPreference": {
    allowed: members,
    // Alternates, so every call changes the choice (an unchanged choice writes nothing).
    call: (c, f) =>
      c.mail.setPreference({
        organizationId: f.demo.organizationId,
        kind: "MENTION",
        delivery: unique() % 2 ? "OFF" : "DAILY_DIGEST",
      }),
  },
  "personas.list": {
    allowed: members,
    call: (c, f) => c.personas.list({ organizationId: f.demo.organizationId }),
  },
  "personas.create": {
    allowed: ["commsManager", "admin"],
    call: (c, f) =>
      c.personas.create({
        organizationId: f.demo.organizationId,
        name: `Matrix persona ${unique()}`,
        vignette: "Someone the matrix writes to.",
        readingGrade: 7,
      }),
  },
  "personas.update": {
    allowed: ["commsManager", "admin"],
    call: async (c, f) =>
      c.personas.update({
        organizationId: f.demo.organizationId,
        personaId: (await somePersona(f)).id,
        feelings: `Matrix ${unique()}`,
      }),
  },
  "personas.archive": {
    allowed: ["commsManager", "admin"],
    call: async (c, f) =>
      c.personas.archive({
        organizationId: f.demo.organizationId,
        personaId: (await freshPersona(f)).id,
        archived: true,
      }),
  },
  "personas.delete": {
    allowed: ["commsManager", "admin"],
    call: async (c, f) =>
      c.personas.delete({
        organizationId: f.demo.organizationId,
        personaId: (await freshPersona(f)).id,
      }),
  },
  "briefs.current": {
    allowed: members,
    call: async (c, f) =>
      c.briefs.current({ communicationId: (await managersCommunication(f)).id }),
  },
  "briefs.history": {
    allowed: members,
    call: async (c, f) =>
      c.briefs.history({ communicationId: (await managersCommunication(f)).id }),
  },
  "briefs.update": {
    // The owner (the comms manager here) and comms managers.
    allowed: ["commsManager"],
    call: async (c, f) =>
      c.briefs.update({
        communicationId: (await managersCommunication(f)).id,
        brief: briefContentSchema.parse({ desiredOutcome: `Knows it arrived ${unique()}` }),
      }),
  },
  "readings.forVersion": {
    allowed: members,
    call: async (c, f) => c.readings.forVersion(await judgeableVersion(f)),
  },
  "readings.record": {
    // Whoever reviews or edits: reviewers of a function and the comms manager (owner).
    allowed: [...reviewers, "commsManager"],
    call: async (c, f) =>
      c.readings.record({ ...(await judgeableVersion(f)), understood: true, reason: "Plain." }),
  },
  "reviews.current": {
    allowed: members,
    call: async (c, f) =>
      c.reviews.current({ communicationId: (await managersCommunication(f)).id }),
  },
  "reviews.submit": {
    allowed: ["commsManager"],
    call: async (c, f) => {
      const { communicationId, versionId } = await reviewFixture(f);
      return c.reviews.submit({ communicationId, versionId, overrideReason: "Matrix text" });
    },
  },
  "reviews.certificate": {
    allowed: members,
    call: async (c, f) => {
      const { communicationId, reviewId } = await reviewFixture(f, "APPROVED");
      return c.reviews.certificate({ communicationId, reviewId });
    },
  },
  "reviews.withdraw": {
    allowed: ["commsManager"],
    call: async (c, f) => {
      const { communicationId, reviewId } = await reviewFixture(f, "IN_REVIEW");
      return c.reviews.withdraw({ communicationId, reviewId, reason: "Matrix withdrawal" });
    },
  },
  "reviews.decide": {
    // The default template's first stage: legal, compliance, regulatory. Other
    // functions are refused by the workflow, people without one by the policy.
    allowed: ["legal", "compliance", "regulatory"],
    call: async (c, f) => {
      const { communicationId, reviewId, versionHash } = await reviewFixture(f, "IN_REVIEW");
      return c.reviews.decide({
        communicationId,
        reviewId,
        versionHash,
        kind: "APPROVE",
        comment: "",
        withChanges: false,
      });
    },
  },
  "reviews.release": {
    allowed: ["commsManager"],
    call: async (c, f) => {
      const { communicationId, reviewId } = await reviewFixture(f, "APPROVED");
      return c.reviews.release({
        communicationId,
        reviewId,
        channel: "SMS",
        sendDates: [new Date("2027-01-04T09:00:00Z")],
        recipients: 10,
      });
    },
  },
  "reviews.correctRelease": {
    // The owner (the comms manager here) and comms managers.
    allowed: ["commsManager"],
    call: async (c, f) => {
      const { communicationId, releaseId } = await releasedFixture(f);
      return c.reviews.correctRelease({
        communicationId,
        releaseId,
        sendDates: ["2027-01-05"],
        recipients: 1_000 + unique(),
        reason: "The sending system sent it a day late",
      });
    },
  },
  "reviews.assign": {
    allowed: ["commsManager"],
    call: async (c, f) =>
      c.reviews.assign({
        communicationId: (await reviewFixture(f)).communicationId,
        function: "LEGAL",
        userIds: [f.demo.userIds.legal],
      }),
  },
  "reviews.mine": {
    allowed: members,
    call: (c, f) => c.reviews.mine({ organizationId: f.demo.organizationId }),
  },
  "audit.trail": {
    allowed: members,
    call: async (c, f) => c.audit.trail({ communicationId: (await managersCommunication(f)).id }),
  },
  "audit.verify": {
    allowed: ["commsManager", "admin"],
    call: (c, f) => c.audit.verify({ organizationId: f.demo.organizationId }),
  },
  "releaseTokens.list": {
    allowed: ["admin"],
    call: (c, f) => c.releaseTokens.list({ organizationId: f.demo.organizationId }),
  },
  "calls.settings": {
    allowed: members,
    call: (c, f) => c.calls.settings({ organizationId: f.demo.organizationId }),
  },
  "calls.analysis": {
    allowed: members,
    call: (c, f) => c.calls.analysis({ organizationId: f.demo.organizationId }),
  },
  "calls.dashboard": {
    allowed: members,
    call: (c, f) =>
      c.calls.dashboard({
        organizationId: f.demo.organizationId,
        from: "2026-09-01",
        to: "2026-10-31",
        reasons: ["direct-debit"],
      }),
  },
  "calls.spikes": {
    allowed: members,
    call: (c, f) => c.calls.spikes({ organizationId: f.demo.organizationId }),
  },
  "calls.series": {
    allowed: members,
    call: (c, f) =>
      c.calls.series({
        organizationId: f.demo.organizationId,
        from: "2026-09-01",
        to: "2026-10-31",
        reasons: ["direct-debit"],
      }),
  },
  "calls.importRemoval": {
    allowed: ["analyst", "admin"],
    call: async (c, f) => c.calls.importRemoval({ importId: (await demoImport(f)).id }),
  },
  "calls.importStatus": {
    allowed: ["analyst", "admin"],
    call: async (c, f) => c.calls.importStatus({ importId: (await demoImportJob(f)).id }),
  },
  "calls.importUnderWay": {
    allowed: ["analyst", "admin"],
    call: (c, f) => c.calls.importUnderWay({ organizationId: f.demo.organizationId }),
  },
  "calls.removeImport": {
    allowed: ["analyst", "admin"],
    call: async (c, f) => c.calls.removeImport({ importId: (await demoImport(f)).id }),
  },
  "calls.saveReasons": {
    allowed: ["analyst", "admin"],
    call: (c, f) =>
      c.calls.saveReasons({
        organizationId: f.demo.organizationId,
        reasons: [{ code: "matrix", label: "Matrix reason", failureDemand: false }],
      }),
  },
  "calls.setWindows": {
    allowed: ["analyst", "admin"],
    call: (c, f) => c.calls.setWindows({ organizationId: f.demo.organizationId, days: { SMS: 3 } }),
  },
  "calls.communicationReasons": {
    allowed: members,
    call: async (c, f) =>
      c.calls.communicationReasons({ communicationId: (await managersCommunication(f)).id }),
  },
  "calls.setCommunicationReasons": {
    // The owner (the comms manager here) and analysts.
    allowed: ["commsManager", "analyst"],
    call: async (c, f) =>
      c.calls.setCommunicationReasons({
        communicationId: (await managersCommunication(f)).id,
        reasonCodes: ["billing"],
      }),
  },
  "calls.setHoldout": {
    // The released message's owner (the comms manager here) and analysts.
    allowed: ["commsManager", "analyst"],
    call: async (c, f) => {
      const release = await f.db.prisma.release.findFirstOrThrow({
        where: { review: { organizationId: f.demo.organizationId } },
      });
      return c.calls.setHoldout({
        communicationId: release.communicationId,
        releaseId: release.id,
        holdout: { sentSegment: "mailed", heldOutSegment: "held-out", heldOut: 1_000 },
      });
    },
  },
  "calls.setCost": {
    allowed: ["admin"],
    call: (c, f) =>
      c.calls.setCost({ organizationId: f.demo.organizationId, costPerCall: 4.5, currency: "USD" }),
  },
  "calls.prediction": {
    // Whoever reads the message sees its prediction.
    allowed: members,
    call: async (c, f) =>
      c.calls.prediction({
        communicationId: (await managersCommunication(f)).id,
        recipients: 24_000,
      }),
  },
  "calls.evidence": {
    allowed: ["analyst", "admin"],
    call: (c, f) => c.calls.evidence({ organizationId: f.demo.organizationId }),
  },
  "calls.questionCoverage": {
    allowed: ["analyst", "admin"],
    call: (c, f) => c.calls.questionCoverage({ organizationId: f.demo.organizationId }),
  },
  "calls.mapQuestion": {
    allowed: ["analyst", "admin"],
    // A question of its own each time, so every allowed call changes (and audits) something.
    call: (c, f) =>
      c.calls.mapQuestion({
        organizationId: f.demo.organizationId,
        question: `Why is my bill higher (${unique()})?`,
        reasonCodes: ["billing"],
      }),
  },
  "releaseTokens.create": {
    allowed: ["admin"],
    call: (c, f) =>
      c.releaseTokens.create({ organizationId: f.demo.organizationId, name: `Sender ${unique()}` }),
  },
  "releaseTokens.revoke": {
    allowed: ["admin"],
    call: async (c, f) => {
      const token = await f.db.prisma.releaseToken.create({
        data: {
          organizationId: f.demo.organizationId,
          name: `Matrix token ${unique()}`,
          tokenHash: `hash-${unique()}-${Date.now()}`,
          prefix: "cdr_matrix",
          createdById: f.demo.userIds.admin,
        },
      });
      return c.releaseTokens.revoke({ organizationId: f.demo.organizationId, tokenId: token.id });
    },
  },
  "ruleSets.current": {
    allowed: members,
    call: (c, f) => c.ruleSets.current({ organizationId: f.demo.organizationId }),
  },
  "ruleSets.history": {
    allowed: members,
    call: (c, f) => c.ruleSets.history({ organizationId: f.demo.organizationId }),
  },
  "ruleSets.adopt": {
    allowed: ["admin"],
    call: (c, f) =>
      c.ruleSets.adopt({
        organizationId: f.demo.organizationId,
        // A value of its own each time, so every call is a change (one that changes nothing is refused).
        change: { thresholds: { maxParagraphWords: 100 + (unique() % 900) } },
        reason: "Matrix check",
        source: "SETTINGS",
      }),
  },
  "reviewSettings.get": {
    allowed: members,
    call: (c, f) => c.reviewSettings.get({ organizationId: f.demo.organizationId }),
  },
  "reviewSettings.saveTemplate": {
    allowed: ["commsManager", "admin"],
    call: (c, f) =>
      c.reviewSettings.saveTemplate({
        organizationId: f.demo.organizationId,
        name: `Matrix template ${unique()}`,
        stages: [
          { name: "Legal", functions: ["LEGAL"], quorum: { kind: "any" }, dueBusinessDays: 2 },
        ],
        makeDefault: false,
      }),
  },
  "reviewSettings.update": {
    allowed: ["commsManager", "admin"],
    call: (c, f) =>
      c.reviewSettings.update({
        organizationId: f.demo.organizationId,
        minimumScore: 60,
        forbidSelfApproval: true,
        commsManagersEditDuringReview: false,
        // A code of its own each time, so every call is a change the trail records.
        reasonCodes: [
          "missing-disclosure",
          "inaccurate",
          "unclear",
          "off-tone",
          "off-brief",
          "other",
          `matrix-${unique()}`,
        ],
      }),
  },
  "briefTemplates.list": {
    allowed: members,
    call: (c, f) => c.briefTemplates.list({ organizationId: f.demo.organizationId }),
  },
  "briefTemplates.create": {
    allowed: ["commsManager", "admin"],
    call: (c, f) =>
      c.briefTemplates.create({
        organizationId: f.demo.organizationId,
        name: `Tariff review ${unique()}`,
        description: "Say the tariff was reviewed and what changes.",
        content: briefContentSchema.parse({ desiredOutcome: "Knows whether their tariff changes" }),
      }),
  },
  "briefTemplates.update": {
    allowed: ["commsManager", "admin"],
    call: async (c, f) => {
      const [template] = await (await f.callerFor("commsManager")).briefTemplates.list({
        organizationId: f.demo.organizationId,
      });
      if (!template) throw new Error("The demo organisation has no brief template to edit");
      return c.briefTemplates.update({
        organizationId: f.demo.organizationId,
        templateId: template.id,
        description: `Edited ${unique()}`,
      });
    },
  },
  "members.list": {
    allowed: members,
    call: (c, f) => c.members.list({ organizationId: f.demo.organizationId }),
  },
  "members.add": {
    allowed: ["admin"],
    call: (c, f) =>
      c.members.add({
        organizationId: f.demo.organizationId,
        email: `new${unique()}@harbour.example`,
        functions: ["LEGAL"],
      }),
  },
  "members.update": {
    allowed: ["admin"],
    call: async (c, f) => {
      const { id } = await f.db.prisma.membership.findFirstOrThrow({
        where: { organizationId: f.demo.organizationId, userId: f.demo.userIds.product },
      });
      return c.members.update({
        organizationId: f.demo.organizationId,
        membershipId: id,
        functions: ["PRODUCT"],
      });
    },
  },
  "members.remove": {
    allowed: ["admin"],
    call: async (c, f) => {
      const { membership } = await import("@conductor/db/seed").then(({ createMember }) =>
        createMember(f.db.prisma, {
          organizationId: f.demo.organizationId,
          functions: ["MARKETING"],
        }),
      );
      return c.members.remove({
        organizationId: f.demo.organizationId,
        membershipId: membership.id,
      });
    },
  },
  "members.invitations": {
    allowed: ["admin"],
    call: (c, f) => c.members.invitations({ organizationId: f.demo.organizationId }),
  },
  "members.revokeInvitation": {
    allowed: ["admin"],
    call: async (c, f) => {
      const { invitationId } = await invitationFor(
        f,
        f.demo.organizationId,
        `new${unique()}@x.example`,
      );
      return c.members.revokeInvitation({ organizationId: f.demo.organizationId, invitationId });
    },
  },
  "members.signOutEverywhere": {
    allowed: ["admin"],
    call: async (c, f) => {
      const { id } = await f.db.prisma.membership.findFirstOrThrow({
        where: { organizationId: f.demo.organizationId, userId: f.demo.userIds.product },
      });
      return c.members.signOutEverywhere({
        organizationId: f.demo.organizationId,
        membershipId: id,
      });
    },
  },
  "viewer.signOutEverywhere": {
    allowed: members,
    outsider: "ok",
    call: (c) => c.viewer.signOutEverywhere(),
  },
  "invitations.mine": { allowed: members, outsider: "ok", call: (c) => c.invitations.mine() },
  // Anyone signed in may accept an invitation addressed to them; each attempt
  // is to a fresh organisation, so nobody's place in the fixture changes.
  "invitations.accept": {
    allowed: members,
    outsider: "ok",
    call: async (c, f, persona) => {
      const userId =
        persona === "outsider" || persona === "signedOut"
          ? (
              await f.db.prisma.membership.findFirstOrThrow({
                where: { organizationId: f.otherOrganizationId },
              })
            ).userId
          : f.demo.userIds[persona];
      const { email } = await f.db.prisma.user.findUniqueOrThrow({ where: { id: userId } });
      const n = unique();
      const { id: organizationId } = await f.db.prisma.organization.create({
        data: { name: `Inviting ${n}`, slug: `inviting-${n}` },
      });
      const { token } = await invitationFor(f, organizationId, email);
      return c.invitations.accept({ token });
    },
  },
};
