import { createHash } from "node:crypto";
import type { Database } from "../client";
import type { Prisma } from "../generated/prisma/client";
import type {
  Channel,
  CommunicationStatus,
  MemberRole,
  ReviewFunction,
} from "../generated/prisma/enums";
import { hashPassword } from "../password";

// Reusable builders for seeds and tests: each takes only what the caller cares
// about and fills the rest with believable values.

let sequence = 0;
const next = () => ++sequence;

export async function createOrganization(
  db: Database,
  input: { name?: string; slug?: string } = {},
) {
  const n = next();
  const name = input.name ?? `Organisation ${n}`;
  const slug = input.slug ?? `${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${n}`;
  return db.organization.create({ data: { name, slug } });
}

export interface MemberInput {
  organizationId: string;
  email?: string;
  name?: string;
  password?: string;
  functions?: ReviewFunction[];
  roles?: MemberRole[];
  /** Pre-computed hash, to skip scrypt when many members share a password. */
  passwordHash?: string;
}

/** A user and their membership in one organisation. */
export async function createMember(db: Database, input: MemberInput) {
  const n = next();
  const email = (input.email ?? `member${n}@example.test`).toLowerCase();
  const passwordHash =
    input.passwordHash ?? (input.password ? await hashPassword(input.password) : null);
  const user = await db.user.upsert({
    where: { email },
    create: { email, name: input.name ?? `Member ${n}`, passwordHash },
    update: {},
  });
  const membership = await db.membership.create({
    data: {
      organizationId: input.organizationId,
      userId: user.id,
      functions: input.functions ?? [],
      roles: input.roles ?? [],
    },
  });
  return { user, membership };
}

/**
 * A new organisation with one new member per entry of `roles` (in order),
 * for tests that need real people who can act. Returns the organisation's id
 * and the members' user ids, one per entry.
 */
export async function createOrganizationWithMembers<
  const R extends readonly (readonly MemberRole[])[],
>(
  db: Database,
  roles: R,
): Promise<{ organizationId: string; userIds: { [K in keyof R]: string } }> {
  const organizationId = (await createOrganization(db)).id;
  const userIds: string[] = [];
  for (const memberRoles of roles)
    userIds.push((await createMember(db, { organizationId, roles: [...memberRoles] })).user.id);
  return { organizationId, userIds: userIds as { [K in keyof R]: string } };
}

export interface CommunicationInput {
  organizationId: string;
  ownerId: string;
  title?: string;
  channel?: Channel;
  audienceDescription?: string;
  plannedSendAt?: Date | null;
  status?: CommunicationStatus;
  body?: string;
}

export async function createCommunication(db: Database, input: CommunicationInput) {
  const n = next();
  return db.communication.create({
    data: {
      organizationId: input.organizationId,
      ownerId: input.ownerId,
      title: input.title ?? `Communication ${n}`,
      channel: input.channel ?? "EMAIL",
      audienceDescription: input.audienceDescription ?? "All customers",
      plannedSendAt: input.plannedSendAt ?? null,
      status: input.status ?? "DRAFT",
      body: input.body ?? "",
    },
  });
}

export interface ReleasedMessageInput {
  organizationId: string;
  ownerId: string;
  /** Release a new version of this communication instead of making one. */
  communicationId?: string;
  title?: string;
  channel?: Channel;
  recipients?: number;
  sendDates: Date[];
  /** The clarity score at approval and the rules it broke. */
  score?: number;
  ruleIds?: string[];
  /** Reason codes the message is expected to drive (added to the communication). */
  reasons?: string[];
  /** The released text (plain, paragraphs split by blank lines). */
  body?: string;
  /** A legal reviewer whose approval of the single stage is recorded. */
  approvedBy?: string;
  /** The brief (its content, as briefs store it) frozen with the released version. */
  brief?: Record<string, unknown>;
}

/**
 * A message that went through review and was released: communication (or a
 * new version of one), a released review with the score and findings it was
 * approved with, the release, and the reason codes it maps to. For analytics
 * tests and benchmarks, where how it was approved does not matter.
 */
export async function createReleasedMessage(db: Database, input: ReleasedMessageInput) {
  const n = next();
  const channel = input.channel ?? "EMAIL";
  const communication = input.communicationId
    ? await db.communication.findUniqueOrThrow({ where: { id: input.communicationId } })
    : await createCommunication(db, {
        organizationId: input.organizationId,
        ownerId: input.ownerId,
        title: input.title,
        channel,
        status: "RELEASED",
        body: input.body,
      });
  const number =
    (await db.communicationVersion.count({ where: { communicationId: communication.id } })) + 1;
  const text = input.body ?? `Version ${number}`;
  // Approved and released the day before its first send, as it would have been.
  const firstSend = Math.min(...input.sendDates.map((d) => d.getTime()));
  const decidedAt = new Date((Number.isFinite(firstSend) ? firstSend : Date.now()) - 86_400_000);
  // Unique per call even when two versions share a text (tests release the same text again).
  const contentHash = createHash("sha256").update(`${text}\u0000${n}`).digest("hex");
  const briefRevision = input.brief
    ? await db.briefRevision.create({
        data: {
          communicationId: communication.id,
          number:
            (await db.briefRevision.count({ where: { communicationId: communication.id } })) + 1,
          content: input.brief as Prisma.InputJsonValue,
          authorId: input.ownerId,
        },
      })
    : null;
  const version = await db.communicationVersion.create({
    data: {
      communicationId: communication.id,
      briefRevisionId: briefRevision?.id ?? null,
      number,
      name: `Released ${number}`,
      kind: "NAMED",
      authorId: input.ownerId,
      json: { type: "doc", content: [] },
      text,
      contentHash,
    },
  });
  const review = await db.review.create({
    data: {
      organizationId: input.organizationId,
      communicationId: communication.id,
      status: "RELEASED",
      // One stage, passed: the shape every review has (stage = stages once approved).
      stage: 1,
      stages: [
        { name: "Sign-off", functions: ["LEGAL"], quorum: { kind: "any" }, dueBusinessDays: 2 },
      ],
      versionId: version.id,
      versionHash: contentHash,
      briefRevisionId: briefRevision?.id ?? null,
      rulesVersion: "seed",
      score: input.score ?? 70,
      analysis: {
        score: input.score ?? 70,
        findings: (input.ruleIds ?? []).map((ruleId) => ({
          ruleId,
          start: 0,
          end: 0,
          severity: "warning",
          message: `${ruleId} (as recorded by the seed)`,
        })),
      },
      submittedById: input.ownerId,
    },
  });
  if (input.approvedBy)
    await db.reviewDecision.create({
      data: {
        reviewId: review.id,
        stage: 0,
        function: "LEGAL",
        reviewerId: input.approvedBy,
        kind: "APPROVE",
        versionHash: contentHash,
        createdAt: decidedAt,
      },
    });
  const release = await db.release.create({
    data: {
      reviewId: review.id,
      communicationId: communication.id,
      versionId: version.id,
      channel,
      sendDates: input.sendDates,
      recipients: input.recipients ?? 10_000,
      releasedById: input.ownerId,
      createdAt: decidedAt,
    },
  });
  if (input.reasons?.length)
    await db.communicationCallReason.createMany({
      data: input.reasons.map((reasonCode) => ({ communicationId: communication.id, reasonCode })),
      skipDuplicates: true,
    });
  return { communication, version, review, release };
}
