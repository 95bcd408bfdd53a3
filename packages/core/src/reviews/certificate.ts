import type { Channel, DecisionKind, ReviewFunction } from "@conductor/db/enums";
import type { LoadedCommunication } from "../communications/communications";
import type { UseCaseContext } from "../context";
import { notFound } from "../errors";
import { type BriefContent, briefContentSchema, reviewStagesSchema } from "../schemas";
import { type AcceptedSuggestion, acceptedSuggestions } from "../suggestions/accepted-suggestions";

/** A finding as frozen at submission. */
interface FrozenFinding {
  ruleId: string;
  start: number;
  severity: string;
  message: string;
}

/**
 * What was approved, provably: the exact text and its hash, the brief it was
 * written toward, the score and findings at submission, every decision that
 * counted, the release, and the audit entries that recorded them (their
 * hashes let anyone check the certificate against the trail).
 */
export interface ApprovalCertificate {
  communication: { id: string; title: string; channel: Channel; organizationName: string };
  reviewId: string;
  status: "APPROVED" | "RELEASED";
  templateName: string | null;
  version: {
    number: number;
    name: string;
    subject: string | null;
    preheader: string | null;
    text: string;
    hash: string;
  };
  brief: {
    revision: number;
    authorName: string;
    createdAt: Date;
    content: BriefContent;
  } | null;
  score: number;
  rulesVersion: string;
  overrideReason: string | null;
  findings: FrozenFinding[];
  decisions: {
    stageName: string;
    function: ReviewFunction;
    reviewerName: string;
    kind: DecisionKind;
    reasonCode: string | null;
    comment: string;
    /** Approved while the function still had pending suggestions. */
    withChanges: boolean;
    at: Date;
  }[];
  /** Suggestions accepted into the text up to the approved version: who proposed, who accepted. */
  acceptedSuggestions: AcceptedSuggestion[];
  release: {
    at: Date;
    releasedBy: string;
    channel: Channel;
    sendDates: Date[];
    recipients: number;
    campaignId: string | null;
  } | null;
  auditEntries: { sequence: number; kind: string; at: Date; hash: string }[];
  /**
   * The organisation's trail head when the certificate was issued: anyone
   * holding this certificate can later prove the trail still contains that
   * entry (npm run audit:verify -- --anchors), even against a superuser who
   * cut the end and rewrote the head.
   */
  auditHead: { sequence: number; hash: string } | null;
  issuedAt: Date;
}

interface StoredEntry {
  sequence: number;
  kind: string;
  createdAt: Date;
  hash: string;
  payload: string;
}

/**
 * The trail entries behind an approval: the submission of the approved
 * version (and its override, appended right after it in the same
 * transaction), the decisions that count, and the release.
 */
function entriesOfApproval(
  entries: StoredEntry[],
  reviewId: string,
  versionHash: string,
  countedDecisionIds: Set<string>,
) {
  const read = entries.map((entry) => ({
    entry,
    payload: JSON.parse(entry.payload) as {
      reviewId?: string;
      decisionId?: string;
      versionHash?: string;
    },
  }));
  const submitted = read.findLast(
    ({ entry, payload }) =>
      entry.kind === "SUBMITTED" &&
      payload.reviewId === reviewId &&
      payload.versionHash === versionHash,
  )?.entry;
  return read
    .filter(({ entry, payload }) => {
      if (payload.reviewId !== reviewId) return false;
      switch (entry.kind) {
        case "SUBMITTED":
          return entry === submitted;
        case "OVERRIDE":
          return entry.sequence === (submitted?.sequence ?? -2) + 1;
        case "DECIDED":
          return countedDecisionIds.has(payload.decisionId ?? "");
        default:
          return true;
      }
    })
    .map(({ entry }) => ({
      sequence: entry.sequence,
      kind: entry.kind,
      at: entry.createdAt,
      hash: entry.hash,
    }));
}

/**
 * The certificate of one approved or released review of the communication:
 * the one asked for, else the newest that reached approval. Readers of the
 * communication may see it; a review still in progress has none.
 */
export async function approvalCertificate(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  reviewId?: string,
): Promise<ApprovalCertificate> {
  const review = await ctx.db.review.findFirst({
    where: {
      communicationId: communication.id,
      status: { in: ["APPROVED", "RELEASED"] },
      ...(reviewId ? { id: reviewId } : {}),
    },
    orderBy: { createdAt: "desc" },
    include: {
      version: {
        select: {
          number: true,
          name: true,
          subject: true,
          preheader: true,
          text: true,
          createdAt: true,
        },
      },
      decisions: {
        where: { supersededAt: null },
        orderBy: { createdAt: "asc" },
        include: { reviewer: { select: { name: true } } },
      },
      release: true,
      communication: { select: { organization: { select: { name: true } } } },
    },
  });
  if (!review) throw notFound("Approval certificate");
  const [revision, releasedBy, releasedByToken, head, entries, accepted] = await Promise.all([
    review.briefRevisionId
      ? ctx.db.briefRevision.findUnique({
          where: { id: review.briefRevisionId },
          include: { author: { select: { name: true } } },
        })
      : null,
    review.release?.releasedById
      ? ctx.db.user.findUnique({ where: { id: review.release.releasedById } })
      : null,
    review.release?.releasedByTokenId
      ? ctx.db.releaseToken.findUnique({ where: { id: review.release.releasedByTokenId } })
      : null,
    ctx.db.auditHead.findUnique({
      where: { organizationId: communication.organizationId },
      select: { sequence: true, hash: true },
    }),
    ctx.db.auditEvent.findMany({
      where: {
        communicationId: communication.id,
        kind: { in: ["SUBMITTED", "OVERRIDE", "DECIDED", "RELEASED"] },
      },
      orderBy: { sequence: "asc" },
      select: { sequence: true, kind: true, createdAt: true, hash: true, payload: true },
    }),
    acceptedSuggestions(ctx.db, communication.id, {
      after: null,
      until: review.version.createdAt,
    }),
  ]);
  const stages = reviewStagesSchema.parse(review.stages);
  const analysis = review.analysis as unknown as { findings?: FrozenFinding[] };
  // Only decisions on the approved version count; superseded ones are on the trail.
  const counted = review.decisions.filter((d) => d.versionHash === review.versionHash);
  const countedIds = new Set(counted.map((d) => d.id));
  return {
    communication: {
      id: communication.id,
      title: communication.title,
      channel: communication.channel,
      organizationName: review.communication.organization.name,
    },
    reviewId: review.id,
    status: review.status as "APPROVED" | "RELEASED",
    templateName: review.templateName,
    version: {
      number: review.version.number,
      name: review.version.name,
      subject: review.version.subject,
      preheader: review.version.preheader,
      text: review.version.text,
      hash: review.versionHash,
    },
    brief: revision
      ? {
          revision: revision.number,
          authorName: revision.author.name,
          createdAt: revision.createdAt,
          content: briefContentSchema.parse(revision.content),
        }
      : null,
    score: review.score,
    rulesVersion: review.rulesVersion,
    overrideReason: review.overrideReason,
    findings: (analysis.findings ?? []).map((f) => ({
      ruleId: f.ruleId,
      start: f.start,
      severity: f.severity,
      message: f.message,
    })),
    decisions: counted.map((d) => ({
      stageName: stages[d.stage]?.name ?? `Stage ${d.stage + 1}`,
      function: d.function,
      reviewerName: d.reviewer.name,
      kind: d.kind,
      reasonCode: d.reasonCode,
      comment: d.comment,
      withChanges: d.withChanges,
      at: d.createdAt,
    })),
    acceptedSuggestions: accepted,
    release: review.release
      ? {
          at: review.release.createdAt,
          releasedBy: releasedBy
            ? `${releasedBy.name} (comms manager)`
            : releasedByToken
              ? `${releasedByToken.name} (sending system)`
              : "unknown",
          channel: review.release.channel,
          sendDates: review.release.sendDates,
          recipients: review.release.recipients,
          campaignId: review.release.campaignId,
        }
      : null,
    auditEntries: entriesOfApproval(entries, review.id, review.versionHash, countedIds),
    auditHead: head,
    issuedAt: new Date(),
  };
}
