import type { Prisma } from "@conductor/db";
import type { UseCaseContext } from "../context";
import { notFound } from "../errors";
import { authorizeInOrganization } from "../policies";
import { type BriefContent, briefContentSchema } from "../schemas";

type TemplateSeed = { name: string; description: string; content: Partial<BriefContent> };

/** What every organisation starts with; each is theirs to edit. */
export const defaultBriefTemplates: TemplateSeed[] = [
  {
    name: "Payment received",
    description: "Confirm a payment arrived and what happens next.",
    content: {
      desiredOutcome: "Knows the payment arrived and the next due date; no action needed",
      tone: { style: "transactional", warmth: 4, formality: 2, urgency: 1 },
      journeyStage: "payment",
      likelyQuestions: ["How much did you receive?", "When is my next payment due?"],
    },
  },
  {
    name: "Fee change",
    description: "Tell customers a fee changes: how much, from when, why, and their options.",
    content: {
      desiredOutcome: "Knows the new fee, when it starts and why; knows their options",
      tone: { style: "heart-centred", warmth: 4, formality: 3, urgency: 2 },
      journeyStage: "account-change",
      likelyQuestions: ["How much more will I pay?", "When does it change?", "Why is it changing?"],
    },
  },
  {
    name: "Planned outage",
    description: "Warn of planned work: when, how long, what to do.",
    content: {
      desiredOutcome: "Knows when the power will be off and for how long",
      tone: { style: "transactional", warmth: 3, formality: 2, urgency: 4 },
      journeyStage: "outage",
      likelyQuestions: ["When will it be back on?", "Who do I call if I need help?"],
    },
  },
  {
    name: "Claim update",
    description: "Say where a claim stands and what happens next.",
    content: {
      desiredOutcome: "Knows where their claim stands and the next step",
      tone: { style: "heart-centred", warmth: 5, formality: 3, urgency: 2 },
      journeyStage: "claim",
      likelyQuestions: ["When will I hear back?", "Do I need to send anything?"],
    },
  },
  {
    name: "Data request",
    description: "Ask the customer for information, and say why and by when.",
    content: {
      desiredOutcome: "Knows what to send, why, and by when",
      action: "Send the requested information",
      tone: { style: "transactional", warmth: 3, formality: 3, urgency: 3 },
      journeyStage: "action",
      likelyQuestions: ["Why do you need this?", "What happens if I don't send it?"],
    },
  },
];

/**
 * The organisation's templates. An organisation that has none yet gets the
 * defaults on first use (skipDuplicates: two first visits at once are fine).
 */
export async function listBriefTemplates(ctx: UseCaseContext, organizationId: string) {
  authorizeInOrganization(ctx, "organization.read", organizationId);
  const existing = await ctx.db.briefTemplate.count({ where: { organizationId } });
  if (existing === 0) {
    await ctx.db.briefTemplate.createMany({
      data: defaultBriefTemplates.map((t) => ({
        organizationId,
        name: t.name,
        description: t.description,
        content: briefContentSchema.parse(t.content) as Prisma.InputJsonValue,
      })),
      skipDuplicates: true,
    });
  }
  const rows = await ctx.db.briefTemplate.findMany({
    where: { organizationId },
    orderBy: { name: "asc" },
  });
  return rows.map((row) => ({ ...row, content: briefContentSchema.parse(row.content) }));
}

export async function loadBriefTemplate(
  ctx: UseCaseContext,
  organizationId: string,
  templateId: string,
) {
  const row = await ctx.db.briefTemplate.findFirst({ where: { id: templateId, organizationId } });
  if (!row) throw notFound("Brief template");
  return { ...row, content: briefContentSchema.parse(row.content) };
}
