import type { Brief as RulesBrief } from "@conductor/rules";
import { z } from "zod";
import { id, shortText, shortTextList } from "./common";
import { functionValues } from "./enums";

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
  likelyQuestions: shortTextList(50),
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

export const updateBriefTemplateSchema = z.object({
  organizationId: id,
  templateId: id,
  description: shortText(300).optional(),
  content: briefContentSchema.optional(),
});
