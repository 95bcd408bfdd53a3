import { z } from "zod";
import { id, shortText } from "./common";
import { channelSchema } from "./enums";

export const callReasonCode = z
  .string()
  .trim()
  .min(1, "is required")
  .max(60, "Keep it under 60 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.\-/]*$/, "Use letters, digits, spaces, - _ . /");

export const saveCallReasonsSchema = z.object({
  organizationId: id,
  reasons: z
    .array(
      z.object({
        code: callReasonCode,
        label: shortText(120).min(1, "Give the reason a label"),
        failureDemand: z.boolean().default(false),
      }),
    )
    .min(1)
    .max(500),
});

export const setAttributionDaysSchema = z.object({
  organizationId: id,
  days: z.partialRecord(
    channelSchema,
    z.coerce.number().int().min(1, "At least one day").max(60, "At most 60 days"),
  ),
});

export const setCommunicationCallReasonsSchema = z.object({
  communicationId: id,
  reasonCodes: z.array(callReasonCode).max(50),
});

/** Segment values as the call data spells them. */
const callSegment = z
  .string()
  .trim()
  .min(1, "Give the segment value as it appears in the call data")
  .max(200);

export const setReleaseHoldoutSchema = z.object({
  communicationId: id,
  releaseId: id,
  /** Null removes the holdout: the release is measured against its own baseline again. */
  holdout: z
    .object({
      sentSegment: callSegment,
      heldOutSegment: callSegment,
      heldOut: z
        .number()
        .int("A whole number of customers")
        .min(1, "At least one customer held back")
        .max(1_000_000_000),
    })
    .refine((h) => h.sentSegment !== h.heldOutSegment, {
      message: "The two groups need different segment values",
      path: ["heldOutSegment"],
    })
    .nullable(),
});

/** A JSON value carried in a query parameter. */
const jsonParam = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: "custom", message: "is not valid JSON" });
        return z.NEVER;
      }
    })
    .pipe(schema);

const columnName = z.string().trim().min(1).max(200);

export const callFeedQuerySchema = z.object({
  granularity: z.enum(["DAY", "WEEK"]).default("DAY"),
  dateFormat: z.enum(["iso", "dmy", "mdy"]).default("iso"),
  fileName: shortText(200).optional(),
  /** Where the feed's totals meet breakdowns, which to keep (else such a night is refused). */
  keep: z.enum(["totals", "breakdown", "both"]).optional(),
});

export const callImportQuerySchema = z
  .object({
    organizationId: id,
    fileName: shortText(200).min(1, "is required"),
    granularity: z.enum(["DAY", "WEEK"]).default("DAY"),
    dateFormat: z.enum(["iso", "dmy", "mdy"]).default("iso"),
    mapping: jsonParam(
      z
        .object({
          date: columnName.optional(),
          year: columnName.optional(),
          week: columnName.optional(),
          reason: columnName,
          calls: columnName,
          segment: columnName.optional(),
          region: columnName.optional(),
          reference: columnName.optional(),
        })
        .refine((m) => (m.date ? !m.year && !m.week : Boolean(m.year && m.week)), {
          message: "Give a date column, or a year and a week column",
        }),
    ),
    weeks: z.enum(["iso", "sunday"]).default("iso"),
    keep: z.enum(["totals", "breakdown", "both"]).optional(),
    drop: jsonParam(z.array(columnName).max(100)).optional().default([]),
    dryRun: z
      .enum(["0", "1"])
      .default("0")
      .transform((v) => v === "1"),
  })
  .transform(({ drop, ...rest }) => ({ ...rest, dropColumns: drop }));

/** One call-volume import, to see what removing it changes or to remove it. */
export const callImportSchema = z.object({ importId: id });
/** What one customer call costs, as an admin sets it: null clears it. */
export const setCallCostSchema = z.object({
  organizationId: id,
  /** In the currency's major unit (dollars), to the cent. */
  costPerCall: z
    .number()
    .min(0, "A cost cannot be negative")
    .max(100_000, "At most 100,000 per call")
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, "To the cent at most")
    .nullable(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "A three-letter ISO 4217 code such as USD or EUR")
    .default("USD"),
});

/**
 * Predicted calls for one version of a communication (its latest when none
 * is named), for an audience of `recipients` (else its last release's).
 */
export const predictCallsSchema = z.object({
  communicationId: id,
  versionId: id.optional(),
  recipients: z
    .number()
    .int("A whole number of recipients")
    .min(1, "At least one recipient")
    .max(1_000_000_000)
    .optional(),
});

/** An analyst's answer to which call reasons a brief's likely question shows up as. */
export const mapCallQuestionSchema = z.object({
  organizationId: id,
  question: shortText(300).min(1, "Give the question"),
  /** Empty: no reason answers it (the matching rule is then not used for it either). */
  reasonCodes: z.array(callReasonCode).max(50),
});
