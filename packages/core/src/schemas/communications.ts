import { z } from "zod";
import { id } from "./common";
import { readSentDate } from "./dates";
import { channelSchema, channelValues, statusValues } from "./enums";

/**
 * A day from the form's date picker (YYYY-MM-DD) or an ISO date-time;
 * empty means "not planned yet". Read as the calendar has it: 2027-02-30 is
 * refused, never rolled on to 2 March (see dates.ts).
 */
const plannedSendAt = z
  .union([z.string(), z.date(), z.null()])
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value === null || value === "") return null;
    const read = readSentDate(value);
    if ("problem" in read) {
      ctx.addIssue({ code: "custom", message: read.problem });
      return z.NEVER;
    }
    return read.date;
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

export const createCommunicationSchema = communicationFieldsSchema.extend({
  organizationId: id,
  /** Start the conductor brief from one of the organisation's templates. */
  briefTemplateId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || undefined),
});
export type CreateCommunicationInput = z.input<typeof createCommunicationSchema>;

export const updateCommunicationSchema = communicationFieldsSchema.partial().extend({
  communicationId: id,
  /** Refused by name: a status moves only through the review workflow, never by an edit. */
  status: z
    .undefined({
      error: "changes only through review: submit, withdraw, approve and release",
    })
    .optional(),
});

export const communicationListSchema = z.object({
  organizationId: id,
  status: z.enum(statusValues).optional(),
  channel: channelSchema.optional(),
  search: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type CommunicationListInput = z.input<typeof communicationListSchema>;
