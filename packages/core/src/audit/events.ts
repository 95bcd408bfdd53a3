// What each kind of audit entry records: one payload type per kind, so a use
// case cannot append an entry a reader cannot interpret, and a reader (the
// certificate, an export, a regulator's script) knows each entry's fields.
// Payloads name ids and copy the values that mattered, because the trail
// outlives the rows it names.
import type { AuditKind } from "@conductor/db";
import type { FormatSummary } from "@conductor/editor";
import type { z } from "zod";
import type { BriefContent, reviewStagesSchema } from "../schemas";
import type { RuleSetFieldChange } from "../scoring/rule-set";

type ReviewStages = z.output<typeof reviewStagesSchema>;

type Iso = string;

/** Each changed field from → to; fields that did not change are absent. */
export type Changes<T> = { [K in keyof T]?: { from: T[K]; to: T[K] } };

/** What a persona says, copied whole where the row is made or removed. */
export interface PersonaFields {
  name: string;
  vignette: string;
  needs: string[];
  feelings: string;
  beliefs: string;
  preferredChannel: string | null;
  readingGrade: number;
  accessibilityNeeds: string[];
}

export interface ReviewTemplateFields {
  name: string;
  stages: ReviewStages;
}

export interface CallReasonFields {
  code: string;
  label: string;
  failureDemand: boolean;
}

export interface HoldoutFields {
  sentSegment: string;
  heldOutSegment: string;
  heldOut: number;
}

interface MemberFunctions {
  functions: string[];
  roles: string[];
}

/** One decided suggestion as it read when decided. */
export interface DecidedSuggestion {
  id: string;
  authorId: string;
  authorFunction: string | null;
  /** The text it added ("" for none) and removed ("" for none); merge fields as {{key}}. */
  inserted: string;
  deleted: string;
  /** For a formatting suggestion: the text and the formatting it adds and removes. */
  format?: FormatSummary;
}

/** What a decision on suggestions covered, and the message text (as it stands) either side of it. */
export interface SuggestionDecision {
  scope:
    | { kind: "one"; suggestionId: string }
    | { kind: "author"; authorId: string }
    | { kind: "function"; function: string }
    /** The suggestions within a stretch of text the decider selected. */
    | { kind: "selection"; suggestionIds: string[] }
    | { kind: "all" };
  suggestions: DecidedSuggestion[];
  textBefore: string;
  textAfter: string;
}

export interface AuditPayloads {
  COMMUNICATION_CREATED: { title: string; channel: string; briefTemplate: string | null };
  /** Only the fields that changed, each from → to. */
  COMMUNICATION_UPDATED: {
    changes: Partial<
      Record<
        "title" | "channel" | "audienceDescription" | "plannedSendAt",
        { from: string | null; to: string | null }
      >
    >;
  };
  VERSION_SAVED: {
    versionId: string;
    number: number;
    name: string | null;
    kind: string;
    contentHash: string;
    briefRevisionId: string | null;
    restoredFromId: string | null;
  };
  BRIEF_CHANGED: { revision: number; revisionId: string; brief: unknown };
  SUBMITTED: {
    reviewId: string;
    versionId: string;
    versionNumber: number;
    versionHash: string;
    briefRevisionId: string | null;
    rulesVersion: string;
    score: number;
  };
  DECIDED: {
    reviewId: string;
    decisionId: string;
    stage: number;
    function: string;
    kind: string;
    reasonCode: string | null;
    versionHash: string;
    statusAfter: string;
    stageAfter: number;
    /** An approval given while the function had pending suggestions (entries from before suggestions lack it). */
    withChanges?: boolean;
    /** The pending suggestions the decision carries: the function's for an approval with changes, the reviewer's own for a request for changes. */
    suggestions?: DecidedSuggestion[];
  };
  SUPERSEDED: {
    reviewId: string;
    decisions: number;
    fromVersionHash: string;
    toVersionHash: string;
  };
  OVERRIDE: {
    reviewId: string;
    score: number;
    minimumScore: number;
    blocking: string[];
    reason: string | null | undefined;
  };
  RELEASED: {
    reviewId: string;
    releaseId: string;
    versionId: string;
    versionHash: string;
    channel: string;
    sendDates: Iso[];
    recipients: number | null;
    campaignId: string | null;
    via?: "release token";
    tokenId?: string;
    tokenName?: string;
  };
  RELEASE_CORRECTED: {
    releaseId: string;
    reason: string;
    /** Only what the correction changed. */
    changes: Changes<{ sendDates: Iso[]; recipients: number; campaignId: string | null }>;
  };
  WITHDRAWN: { reviewId: string; versionHash: string; fromStatus: string; reason: string };
  MEMBERSHIP_CHANGED:
    | ({ change: "added"; userId: string; email: string } & MemberFunctions)
    | ({ change: "removed"; userId: string } & MemberFunctions)
    | { change: "updated"; userId: string; from: MemberFunctions; to: Partial<MemberFunctions> }
    | ({ change: "invited"; invitationId: string; email: string } & MemberFunctions)
    | { change: "invitation-withdrawn"; invitationId: string; email: string }
    | ({
        change: "joined";
        invitationId: string;
        invitedById: string;
        userId: string;
        email: string;
      } & MemberFunctions)
    | { change: "signed-out-everywhere"; userId: string; sessions: number };
  REVIEWERS_ASSIGNED: {
    function: string;
    from: string[];
    to: string[];
  };
  /** One entry per kind of setting that changed; a save that changes nothing appends nothing. */
  REVIEW_SETTINGS_CHANGED:
    | {
        setting: "reviewRules";
        changes: Changes<{
          minimumScore: number;
          forbidSelfApproval: boolean;
          reasonCodes: string[];
          commsManagersEditDuringReview: boolean;
        }>;
      }
    | {
        setting: "template";
        templateId: string;
        /** Null: the template was made by this save. */
        from: ReviewTemplateFields | null;
        to: ReviewTemplateFields;
      }
    | {
        setting: "defaultTemplate";
        from: { templateId: string; name: string } | null;
        to: { templateId: string; name: string };
      }
    | {
        setting: "attributionDays";
        from: Partial<Record<string, number>>;
        to: Partial<Record<string, number>>;
      }
    | {
        setting: "callCost";
        from: { costPerCallCents: number | null; currency: string };
        to: { costPerCallCents: number | null; currency: string };
      };
  /** Which token, for what; never the secret nor any part of it. */
  TOKEN_CREATED: { tokenId: string; name: string; scope: string };
  TOKEN_REVOKED: { tokenId: string; name: string; scope: string };
  /** The reason codes a communication may drive, the list before and after. */
  CALL_REASONS_MAPPED: { from: string[]; to: string[] };
  /** Which reasons a brief question shows up as (Evidence page); `from` null: the matching rule decided. */
  CALL_QUESTION_MAPPED: { question: string; from: string[] | null; to: string[] };
  /** The taxonomy: codes added, and codes relabelled or re-flagged (codes are never removed). */
  CALL_REASONS_CHANGED: {
    added: CallReasonFields[];
    changed: {
      code: string;
      from: Omit<CallReasonFields, "code">;
      to: Omit<CallReasonFields, "code">;
    }[];
  };
  /** Null on either side: the release had no holdout before, or has none now. */
  HOLDOUT_SET: {
    releaseId: string;
    from: HoldoutFields | null;
    to: HoldoutFields | null;
  };
  /** Written for an import only, never for a check (a dry run writes nothing). */
  CALL_VOLUME_IMPORTED: {
    importId: string;
    fileName: string;
    sha256: string;
    granularity: string;
    rows: number;
    changed: number;
    firstDay: Iso | null;
    lastDay: Iso | null;
    /** The personal-data columns' names, confirmed dropped; their values are never stored. */
    droppedColumns: string[];
    /**
     * Where totals and a breakdown met, which the analyst kept; how many of the
     * file's rows that left out, and how many stored rows of the other kind it removed.
     */
    kept?: "totals" | "breakdown" | "both";
    skipped?: number;
    replaced?: number;
  } & ({ via: "upload" } | { via: "feed"; tokenId: string; tokenName: string });
  /** One import taken back: what it had set goes, what it had replaced returns. */
  CALL_VOLUME_IMPORT_REMOVED: {
    importId: string;
    fileName: string;
    sha256: string;
    granularity: string;
    rowsRemoved: number;
    rowsRestored: number;
    rowsReturned: number;
    rowsLaterChanged: number;
    days: number;
    firstDay: Iso | null;
    lastDay: Iso | null;
    reasons: string[];
    callsRemoved: number;
    callsRestored: number;
  };
  PERSONA_CHANGED:
    | { change: "created"; personaId: string; persona: PersonaFields }
    | { change: "updated"; personaId: string; name: string; changes: Changes<PersonaFields> }
    | { change: "archived" | "restored"; personaId: string; name: string }
    | { change: "deleted"; personaId: string; persona: PersonaFields };
  BRIEF_TEMPLATE_CHANGED:
    | {
        change: "created";
        templateId: string;
        name: string;
        description: string;
        content: BriefContent;
      }
    | {
        change: "updated";
        templateId: string;
        name: string;
        changes: Changes<{ description: string; content: BriefContent }>;
      };
  /** A person's email choice for one kind (their own, in Settings or by an unsubscribe link). */
  NOTIFICATION_PREFERENCE_CHANGED: {
    userId: string;
    kind: string;
    from: string;
    to: string;
    via: "settings" | "unsubscribe-link";
  };
  /** An admin sent a failed mail again: which, and what its last attempt had said. */
  OUTGOING_MAIL_RETRIED: {
    mailId: string;
    kind: string;
    attempts: number;
    lastError: string | null;
  };
  /** An admin made an outgoing webhook: where to (the origin only) and for which events. */
  WEBHOOK_CREATED: { webhookId: string; name: string; origin: string; events: string[] };
  /** An admin deleted an outgoing webhook. */
  WEBHOOK_DELETED: { webhookId: string };
  /** An admin sent a failed webhook delivery again: which, and what its last attempt had said. */
  WEBHOOK_DELIVERY_RETRIED: {
    deliveryId: string;
    webhookId: string;
    event: string;
    attempts: number;
    lastError: string | null;
  };
  /** Pending suggestions accepted (the owner or a comms manager): which, whose, and the text as it stood before and after. */
  SUGGESTION_ACCEPTED: SuggestionDecision;
  /** Pending suggestions rejected, with the reason their authors see. */
  SUGGESTION_REJECTED: SuggestionDecision & { reason: string | null };
  /** A suggester took back their own pending suggestions. */
  SUGGESTION_WITHDRAWN: SuggestionDecision;
  /**
   * An admin adopted a change to the clarity rule set: the new version, the
   * one it replaced (null: the product's defaults), and each value that moved
   * as it reads with defaults filled in ("rules.tone.blame.enabled": true → false).
   */
  RULE_SET_ADOPTED: {
    ruleSetVersionId: string;
    number: number;
    fromNumber: number | null;
    source: "SETTINGS" | "EVIDENCE";
    reason: string;
    changes: RuleSetFieldChange[];
    /** What frozen analyses will name from now on, and what they named before. */
    rulesVersion: { from: string; to: string };
  };
}

/** One entry to append: the kind decides the payload's type. */
export type AuditEventInput = {
  [K in keyof AuditPayloads]: {
    organizationId: string;
    kind: K;
    actorId: string | null;
    communicationId?: string | null;
    payload: AuditPayloads[K];
  };
}[keyof AuditPayloads];

// Every kind the database knows has a payload type, and no payload type
// names a kind the database lacks.
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const kindsAgree: Equal<AuditKind, keyof AuditPayloads> = true;
void kindsAgree;
