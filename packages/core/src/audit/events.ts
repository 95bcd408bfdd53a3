// What each kind of audit entry records: one payload type per kind, so a use
// case cannot append an entry a reader cannot interpret, and a reader (the
// certificate, an export, a regulator's script) knows each entry's fields.
// Payloads name ids and copy the values that mattered, because the trail
// outlives the rows it names.
import type { AuditKind } from "@conductor/db";

type Iso = string;

interface MemberFunctions {
  functions: string[];
  roles: string[];
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
    changes: Partial<
      Record<"sendDates" | "recipients" | "campaignId", { from: unknown; to: unknown }>
    >;
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
  REVIEW_SETTINGS_CHANGED: {
    setting:
      | "minimumScore"
      | "allowSelfApproval"
      | "reasonCodes"
      | "template"
      | "defaultTemplate"
      | "attributionDays";
    from: unknown;
    to: unknown;
    templateId?: string;
    templateName?: string;
  };
  TOKEN_CREATED: { tokenId: string; name: string; scope: string };
  TOKEN_REVOKED: { tokenId: string; name: string; scope: string };
  CALL_REASONS_MAPPED: { from: string[]; to: string[] };
  CALL_REASONS_CHANGED: {
    change: "saved" | "removed";
    codes: string[];
  };
  HOLDOUT_SET: {
    releaseId: string;
    from: { sentSegment: string; heldBackSegment: string; heldBack: number } | null;
    to: { sentSegment: string; heldBackSegment: string; heldBack: number } | null;
  };
  CALL_VOLUME_IMPORTED: {
    importId: string;
    fileName: string;
    sha256: string;
    rows: number;
    changed: number;
    droppedColumns: string[];
    via: "upload" | "feed";
  };
  PERSONA_CHANGED: {
    change: "created" | "updated" | "archived" | "deleted";
    personaId: string;
    name: string;
  };
  BRIEF_TEMPLATE_CHANGED: { change: "created" | "updated"; templateId: string; name: string };
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
