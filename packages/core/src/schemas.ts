// Input shapes shared by the API and the browser forms. Imports only zod and
// the generated enums, so the browser bundle stays free of server code.
import { Channel, CommunicationStatus, MemberRole, ReviewFunction } from "@conductor/db/enums";
import { z } from "zod";

export const channelValues = Object.values(Channel) as [Channel, ...Channel[]];
export const statusValues = Object.values(CommunicationStatus) as [
  CommunicationStatus,
  ...CommunicationStatus[],
];
export const functionValues = Object.values(ReviewFunction) as [
  ReviewFunction,
  ...ReviewFunction[],
];
export const roleValues = Object.values(MemberRole) as [MemberRole, ...MemberRole[]];

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

const id = z.string().trim().min(1, "is required").max(64);

/** A date-only or date-time string from a form; empty means "not planned yet". */
const plannedSendAt = z
  .union([z.string(), z.date(), z.null()])
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === null || value === "") return null;
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "must be a valid date" });
      return z.NEVER;
    }
    return date;
  });

export const communicationFieldsSchema = z.object({
  title: z
    .string()
    .trim()
    .min(3, "must be at least 3 characters")
    .max(200, "must be at most 200 characters"),
  channel: z.enum(channelValues, {
    error: "must be one of email, SMS, letter, eBill, push, in-app",
  }),
  audienceDescription: z
    .string()
    .trim()
    .min(3, "describe who receives this message (at least 3 characters)")
    .max(2000, "must be at most 2,000 characters"),
  plannedSendAt,
});

export const createCommunicationSchema = communicationFieldsSchema.extend({ organizationId: id });
export type CreateCommunicationInput = z.input<typeof createCommunicationSchema>;

export const updateCommunicationSchema = communicationFieldsSchema.partial().extend({
  communicationId: id,
  status: z.enum(statusValues).optional(),
});

export const communicationListSchema = z.object({
  organizationId: id,
  status: z.enum(statusValues).optional(),
  channel: z.enum(channelValues).optional(),
  search: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type CommunicationListInput = z.input<typeof communicationListSchema>;

const memberAccess = {
  functions: z.array(z.enum(functionValues)).max(6).default([]),
  roles: z.array(z.enum(roleValues)).max(3).default([]),
};

export const addMemberSchema = z.object({
  organizationId: id,
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("must be an email address")),
  name: z.string().trim().min(1, "is required").max(120),
  /** Needed only when the person has no Conductor account yet. */
  initialPassword: z.string().min(12, "must be at least 12 characters").max(200).optional(),
  ...memberAccess,
});

export const updateMemberSchema = z.object({
  organizationId: id,
  membershipId: id,
  ...memberAccess,
});
export const removeMemberSchema = z.object({ organizationId: id, membershipId: id });
export const organizationScopeSchema = z.object({ organizationId: id });
export const communicationIdSchema = z.object({ communicationId: id });

/** Field → first message, the shape forms show beside each field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    result[key] ??= issue.message;
  }
  return result;
}
