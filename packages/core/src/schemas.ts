// Input shapes shared by the API and the browser forms. Imports only zod and
// the generated enums, so the browser bundle stays free of server code.
import { Channel, CommunicationStatus, MemberRole, ReviewFunction } from "@conductor/db/enums";
import type { Brief as RulesBrief } from "@conductor/rules";
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

// Comments ------------------------------------------------------------------

const commentBody = z
  .string()
  .trim()
  .min(1, "Write something")
  .max(4000, "Keep a comment under 4,000 characters");

/** The parts of the brief a comment can be about (a comment on the brief names one). */
export const briefParts = [
  "The whole brief",
  "Desired outcome",
  "Action",
  "Tone",
  "Persona",
  "Journey stage",
  "Context",
  "Must-say facts",
  "Likely questions",
  "Reading grade and channel limits",
] as const;

export const startThreadSchema = z
  .object({
    communicationId: z.string().min(1),
    subject: z.enum(["TEXT", "BRIEF"]).default("TEXT"),
    quote: z.string().trim().min(1, "Select the text to comment on").max(2000),
    body: commentBody,
  })
  .superRefine((input, issues) => {
    if (input.subject === "BRIEF" && !(briefParts as readonly string[]).includes(input.quote))
      issues.addIssue({
        code: "custom",
        path: ["quote"],
        message: `Choose the part of the brief: ${briefParts.join(", ")}`,
      });
  });

export const replySchema = z.object({
  communicationId: z.string().min(1),
  threadId: z.string().min(1),
  body: commentBody,
});

export const editCommentSchema = z.object({
  communicationId: z.string().min(1),
  commentId: z.string().min(1),
  body: commentBody,
});

export const resolveThreadSchema = z.object({
  communicationId: z.string().min(1),
  threadId: z.string().min(1),
  resolved: z.boolean(),
});

// Versions ------------------------------------------------------------------

export const versionNameSchema = z
  .string()
  .trim()
  .min(1, "Name the version")
  .max(120, "Keep the name under 120 characters");

export const compareVersionsSchema = z.object({
  communicationId: z.string().min(1),
  fromVersionId: z.string().min(1),
  toVersionId: z.string().min(1),
});

// Personas and the conductor brief ------------------------------------------

const shortText = (max: number) => z.string().trim().max(max, `Keep it under ${max} characters`);
const list = (max: number) => z.array(shortText(300).min(1)).max(max).default([]);

export const personaFieldsSchema = z.object({
  name: shortText(80).min(2, "Give the persona a name"),
  vignette: shortText(2000).min(10, "Describe them in a sentence or two"),
  needs: list(20),
  feelings: shortText(1000).default(""),
  beliefs: shortText(1000).default(""),
  preferredChannel: z.enum(channelValues).nullable().default(null),
  readingGrade: z.coerce
    .number()
    .int("A whole school grade")
    .min(1, "Grade 1 or above")
    .max(16, "Grade 16 or below"),
  accessibilityNeeds: list(20),
});

export const createPersonaSchema = personaFieldsSchema.extend({ organizationId: id });
export const updatePersonaSchema = personaFieldsSchema.partial().extend({
  organizationId: id,
  personaId: id,
});
export const personaRefSchema = z.object({ organizationId: id, personaId: id });

export const toneStyles = ["black-box", "transactional", "heart-centred"] as const;
export const journeyStages = [
  "awareness",
  "interest",
  "desire",
  "action",
  "payment",
  "outage",
  "claim",
  "account-change",
] as const;

const level = z.coerce.number().int().min(1).max(5);

/** The brief's content; every field optional until the team fills it in. */
export const briefContentSchema = z.object({
  desiredOutcome: shortText(1000).default(""),
  action: shortText(500).default(""),
  tone: z
    .object({ style: z.enum(toneStyles), warmth: level, formality: level, urgency: level })
    .default({ style: "transactional", warmth: 3, formality: 3, urgency: 2 }),
  personaId: id.nullable().default(null),
  journeyStage: z.enum(journeyStages).nullable().default(null),
  context: shortText(2000).default(""),
  mustSay: z
    .array(
      z.object({
        text: shortText(500).min(1, "Say what must be said"),
        kind: z.enum(["amount", "date", "disclosure", "other"]),
        owner: z.enum(functionValues),
      }),
    )
    .max(50)
    .default([]),
  likelyQuestions: list(50),
  readingGradeTarget: z.coerce.number().int().min(1).max(16).nullable().default(null),
  channelLimits: z
    .object({ maxSmsSegments: z.coerce.number().int().min(1).max(10).nullable().default(null) })
    .default({ maxSmsSegments: null }),
});

export type BriefContent = z.output<typeof briefContentSchema>;

/** The brief as the clarity rules read it; the brief's grade wins, else the persona's. */
export function rulesBriefOf(brief: BriefContent, personaGrade: number | null): RulesBrief {
  const grade = brief.readingGradeTarget ?? personaGrade;
  return {
    desiredOutcome: brief.desiredOutcome,
    ...(brief.action ? { action: brief.action } : {}),
    tone: brief.tone.style,
    toneLevels: {
      warmth: brief.tone.warmth,
      formality: brief.tone.formality,
      urgency: brief.tone.urgency,
    },
    ...(grade ? { readingGrade: grade } : {}),
    ...(brief.channelLimits.maxSmsSegments
      ? { maxSmsSegments: brief.channelLimits.maxSmsSegments }
      : {}),
    mustSay: brief.mustSay.map((fact) => fact.text),
    likelyQuestions: brief.likelyQuestions,
  };
}

export const updateBriefSchema = z.object({
  communicationId: id,
  brief: briefContentSchema,
});

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
  minimumScore: z.coerce.number().min(0).max(100),
  forbidSelfApproval: z.boolean(),
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

/** How each decision reads on a certificate or a list. */
export const decisionWords = {
  APPROVE: "Approved",
  APPROVE_WITH_COMMENTS: "Approved with comments",
  REQUEST_CHANGES: "Requested changes",
  REJECT: "Rejected",
} as const satisfies Record<(typeof decisionKinds)[number], string>;

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
});

export const releaseSchema = z.object({
  communicationId: id,
  reviewId: id,
  channel: z.enum(channelValues),
  sendDates: z
    .array(z.coerce.date({ error: "must be a date" }))
    .min(1, "Give at least one send date")
    .max(50),
  recipients: z.coerce.number().int().min(1, "At least one recipient").max(1_000_000_000),
  campaignId: shortText(200)
    .optional()
    .transform((v) => v || undefined),
});

/** What a sending system posts to record a release (its token says which organisation). */
export const releaseByTokenSchema = releaseSchema.omit({ reviewId: true });

export const createReleaseTokenSchema = z.object({
  organizationId: id,
  name: shortText(80).min(2, "Name the sending system"),
  /** What the token may do; recording releases unless said otherwise. */
  scope: z.enum(["RELEASES", "CALL_VOLUME"]).default("RELEASES"),
});

export const revokeReleaseTokenSchema = z.object({ organizationId: id, tokenId: id });

export const assignReviewersSchema = z.object({
  communicationId: id,
  function: reviewFunction,
  userIds: z.array(id).max(20),
});

export const recordCustomerReadingSchema = z.object({
  communicationId: id,
  versionId: id,
  understood: z.boolean({ error: "Say whether a customer would get it: yes or no" }),
  reason: shortText(1000).min(3, "Say why, in a few words"),
});

export const updateBriefTemplateSchema = z.object({
  organizationId: id,
  templateId: id,
  description: shortText(300).optional(),
  content: briefContentSchema.optional(),
});

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
    z.enum(channelValues),
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
});

export const callImportQuerySchema = z
  .object({
    organizationId: id,
    fileName: shortText(200).min(1, "is required"),
    granularity: z.enum(["DAY", "WEEK"]).default("DAY"),
    dateFormat: z.enum(["iso", "dmy", "mdy"]).default("iso"),
    mapping: jsonParam(
      z.object({
        date: columnName,
        reason: columnName,
        calls: columnName,
        segment: columnName.optional(),
        region: columnName.optional(),
        reference: columnName.optional(),
      }),
    ),
    drop: jsonParam(z.array(columnName).max(100)).optional().default([]),
    dryRun: z
      .enum(["0", "1"])
      .default("0")
      .transform((v) => v === "1"),
  })
  .transform(({ drop, ...rest }) => ({ ...rest, dropColumns: drop }));
