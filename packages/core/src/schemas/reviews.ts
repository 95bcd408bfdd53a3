import { z } from "zod";
import { id, shortText } from "./common";
import { functionValues } from "./enums";

const reviewFunction = z.enum(functionValues, { error: "Choose a review function" });

/** A review template's stages, in order; the release by a comms manager always follows. */
export const reviewStagesSchema = z
  .array(
    z.object({
      name: shortText(80).min(2, "Name the stage"),
      functions: z.array(reviewFunction).min(1, "A stage needs at least one function").max(6),
      quorum: z.discriminatedUnion("kind", [
        z.object({ kind: z.literal("any") }),
        z.object({ kind: z.literal("all-named") }),
        z.object({ kind: z.literal("count"), count: z.coerce.number().int().min(1).max(20) }),
      ]),
      dueBusinessDays: z.coerce.number().int().min(0).max(60),
    }),
  )
  .min(1, "A review needs at least one stage before the release")
  .max(10);

export const saveReviewTemplateSchema = z.object({
  organizationId: id,
  /** Absent: a new template. */
  templateId: id.optional(),
  name: shortText(80).min(2, "Name the template"),
  stages: reviewStagesSchema,
  makeDefault: z.boolean().default(false),
});

export const updateReviewSettingsSchema = z.object({
  organizationId: id,
  // Stored as a whole number: 50.5 is refused rather than quietly kept as 50.
  minimumScore: z
    .number({ error: "must be a number from 0 to 100" })
    .int("must be a whole number from 0 to 100")
    .min(0, "must be 0 or more")
    .max(100, "must be 100 or less"),
  forbidSelfApproval: z.boolean(),
  /** Left as it is when not given. */
  commsManagersEditDuringReview: z.boolean().optional(),
  reasonCodes: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[a-z0-9-]{2,40}$/, "Use 2–40 lowercase letters, digits and hyphens"),
    )
    .min(1, "Keep at least one reason")
    .max(30),
});

export const submitForReviewSchema = z.object({
  communicationId: id,
  versionId: id,
  /** Needed below the organisation's minimum score or with blocking findings. */
  overrideReason: shortText(1000)
    .optional()
    .transform((v) => v || undefined),
  /** The review template for a new review; the organisation's default when left out. */
  templateId: id.optional(),
});

export const certificateSchema = z.object({
  communicationId: id,
  /** A particular approved review; the newest approved or released one when left out. */
  reviewId: id.optional(),
});

export const withdrawReviewSchema = z.object({
  communicationId: id,
  reviewId: id,
  reason: shortText(1000).min(3, "Say why the review is withdrawn"),
});

export const decisionKinds = [
  "APPROVE",
  "APPROVE_WITH_COMMENTS",
  "REQUEST_CHANGES",
  "REJECT",
] as const;

export const decideSchema = z.object({
  communicationId: id,
  reviewId: id,
  function: reviewFunction.optional(),
  kind: z.enum(decisionKinds),
  reasonCode: shortText(60)
    .optional()
    .transform((v) => v || undefined),
  comment: shortText(4000).default(""),
  /** The version the reviewer read: a decision never lands on text they did not see. */
  versionHash: z.string().regex(/^[0-9a-f]{64}$/, "must be the version's content hash"),
  /**
   * Approve although the function still has pending suggestions in the
   * document ("approve with changes", recorded); without it such an
   * approval is refused, so the reviewer withdraws them or says so.
   */
  withChanges: z.boolean().default(false),
});

export const assignReviewersSchema = z.object({
  communicationId: id,
  function: reviewFunction,
  userIds: z.array(id).max(20),
});
