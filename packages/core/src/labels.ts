// The words people read for each enum value, in forms, lists, certificates
// and the PDF. Browser-safe: only the generated enums behind it.
import type {
  Channel,
  CommunicationStatus,
  MailDelivery,
  MailStatus,
  MemberRole,
  NotificationKind,
  ReviewFunction,
  RuleSetSource,
  WebhookDeliveryStatus,
  WebhookEvent,
} from "@conductor/db/enums";
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

/** Each kind of notification as Settings → Email and the unsubscribe page name it. */
export const notificationKindLabels: Record<NotificationKind, string> = {
  MENTION: "Mentions in comments",
  REVIEW_WAITING: "Reviews waiting on you",
  CHANGES_REQUESTED: "Changes requested on your messages",
  REVIEW_APPROVED: "Messages approved",
  RELEASED: "Messages released",
  DUE_SOON: "Reviews due soon",
  OVERDUE: "Reviews overdue",
  SUGGESTION_REJECTED: "Your suggestions rejected",
};

export const mailDeliveryLabels: Record<MailDelivery, string> = {
  IMMEDIATELY: "Email at once",
  DAILY_DIGEST: "Daily digest",
  OFF: "No email",
};

export const webhookEventLabels: Record<WebhookEvent, string> = {
  REVIEW_WAITING: "A review is waiting on a stage",
  REVIEW_APPROVED: "A message is approved",
  CHANGES_REQUESTED: "Changes are requested",
  RELEASED: "A message is released",
};

export const webhookDeliveryStatusLabels: Record<WebhookDeliveryStatus, string> = {
  QUEUED: "Queued",
  DELIVERED: "Delivered",
  FAILED: "Failed",
};

export const mailStatusLabels: Record<MailStatus, string> = {
  QUEUED: "Queued",
  SENT: "Sent",
  FAILED: "Failed",
  NOT_CONFIGURED: "Not sent: no SMTP configured",
};

/** The score's dimensions, as the clarity panel and Settings → Rules name them. */
export const dimensionLabels = {
  readability: "Readability",
  plainLanguage: "Plain language",
  tone: "Tone",
  channel: "Channel",
  brief: "Brief",
} as const;

/** Where an adopted rule-set change came from. */
export const ruleSetSourceLabels: Record<RuleSetSource, string> = {
  SETTINGS: "Settings",
  EVIDENCE: "Evidence proposal",
};
