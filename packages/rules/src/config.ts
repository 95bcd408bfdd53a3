import { z } from "zod";
import type { Brief, Channel } from "./analyze/types";
import { ruleDefinitions } from "./rules/registry";

export const channels = [
  "EMAIL",
  "SMS",
  "LETTER",
  "EBILL",
  "PUSH",
  "IN_APP",
] as const satisfies readonly Channel[];
export type { Brief, Channel };

// The contract in types.ts and the schemas here must describe the same values.
type Same<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const channelsComplete: Same<Channel, (typeof channels)[number]> = true;

const ruleIds = ruleDefinitions.map((rule) => rule.id) as [string, ...string[]];
const severity = z.enum(["error", "warning", "suggestion"]);
const phrase = z.string().trim().min(1, "must not be empty").max(200);

/** An organisation's rule set: validated, so a bad field is named, never ignored. */
export const ruleSetSchema = z
  .object({
    rules: z
      .partialRecord(
        z.enum(ruleIds),
        z.object({ enabled: z.boolean().optional(), severity: severity.optional() }).strict(),
      )
      .optional(),
    thresholds: z
      .object({
        maxSentenceWords: z.number().int().min(5).max(100).optional(),
        targetGrade: z.number().min(1).max(20).optional(),
        maxParagraphSentences: z.number().int().min(1).max(50).optional(),
        maxParagraphWords: z.number().int().min(10).max(1000).optional(),
        maxSmsSegments: z.number().int().min(1).max(10).optional(),
        maxSubjectCharacters: z.number().int().min(10).max(200).optional(),
      })
      .strict()
      .optional(),
    /** How much each dimension counts in the score (see defaultDimensionWeights). */
    weights: z
      .object({
        readability: z.number().min(0).max(1).optional(),
        plainLanguage: z.number().min(0).max(1).optional(),
        tone: z.number().min(0).max(1).optional(),
        channel: z.number().min(0).max(1).optional(),
        brief: z.number().min(0).max(1).optional(),
      })
      .strict()
      .optional(),
    bannedPhrases: z
      .array(
        z
          .object({
            phrase,
            replacement: z.string().max(200).optional(),
            reason: z.string().max(300).optional(),
          })
          .strict(),
      )
      .max(2000)
      .optional(),
    requiredPhrases: z
      .array(
        z
          .object({
            phrase,
            channels: z.array(z.enum(channels)).optional(),
            label: z.string().max(200).optional(),
          })
          .strict(),
      )
      .max(200)
      .optional(),
    terms: z
      .array(z.object({ use: phrase, insteadOf: z.array(phrase).min(1) }).strict())
      .max(2000)
      .optional(),
  })
  .strict();

export type RuleSet = z.infer<typeof ruleSetSchema>;

export class RuleSetError extends Error {
  override readonly name = "RuleSetError";
  constructor(readonly issues: { path: string; message: string }[]) {
    super(
      `Invalid rule set: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`,
    );
  }
}

/** Validates an organisation's rule set; throws RuleSetError naming each bad field. */
export function parseRuleSet(input: unknown): RuleSet {
  const parsed = ruleSetSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  throw new RuleSetError(
    parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })),
  );
}

export const briefSchema = z
  .object({
    desiredOutcome: z.string().max(2000).default(""),
    /** What the customer should do, if anything. */
    action: z.string().max(500).optional(),
    tone: z.enum(["black-box", "transactional", "heart-centred"]).optional(),
    readingGrade: z.number().min(1).max(20).optional(),
    /** Targets on a 1–5 scale; the text's measured level may be one away. */
    toneLevels: z
      .object({
        warmth: z.number().int().min(1).max(5).optional(),
        formality: z.number().int().min(1).max(5).optional(),
        urgency: z.number().int().min(1).max(5).optional(),
      })
      .strict()
      .optional(),
    /** A tighter (or looser) SMS limit than the rule set's, for this message. */
    maxSmsSegments: z.number().int().min(1).max(10).optional(),
    mustSay: z.array(z.string().trim().min(1).max(500)).max(100).default([]),
    likelyQuestions: z.array(z.string().trim().min(1).max(500)).max(100).default([]),
    channel: z.enum(channels).optional(),
  })
  .strict();

const briefMatches: Same<Brief, z.input<typeof briefSchema>> = true;
void channelsComplete;
void briefMatches;
