// The words people read for each enum value, in forms, lists, certificates
// and the PDF. Browser-safe: only the generated enums behind it.
import type { Channel, CommunicationStatus, MemberRole, ReviewFunction } from "@conductor/db/enums";
import type { decisionKinds } from "./schemas/reviews";

export const channelLabels: Record<Channel, string> = {
  EMAIL: "Email",
  SMS: "SMS",
  LETTER: "Letter",
  EBILL: "eBill",
  PUSH: "Push",
  IN_APP: "In-app",
};

export const statusLabels: Record<CommunicationStatus, string> = {
  DRAFT: "Draft",
  IN_REVIEW: "In review",
  CHANGES_REQUESTED: "Changes requested",
  APPROVED: "Approved",
  RELEASED: "Released",
  ARCHIVED: "Archived",
};

export const functionLabels: Record<ReviewFunction, string> = {
  MARKETING: "Marketing",
  LEGAL: "Legal",
  COMPLIANCE: "Compliance",
  REGULATORY: "Regulatory",
  ACCOUNTING: "Accounting",
  PRODUCT: "Product",
};

export const roleLabels: Record<MemberRole, string> = {
  COMMS_MANAGER: "Comms manager",
  ANALYST: "Analyst",
  ADMIN: "Admin",
};

/** How each decision reads on a certificate or a list. */
export const decisionWords = {
  APPROVE: "Approved",
  APPROVE_WITH_COMMENTS: "Approved with comments",
  REQUEST_CHANGES: "Requested changes",
  REJECT: "Rejected",
} as const satisfies Record<(typeof decisionKinds)[number], string>;
