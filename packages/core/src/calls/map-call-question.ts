import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { authorizeInOrganization } from "../policies";
import type { mapCallQuestionSchema } from "../schemas";
import { normalizeQuestion } from "./question-match";

/**
 * Says which call reasons a likely question shows up as, for every brief
 * in the organisation that asks it (questions are keyed as normalised, so
 * "When is it due?" and "when is it due" are one). Replaces what the
 * matching rule or an earlier mapping said; the same list again changes
 * nothing and appends nothing.
 */
export async function mapCallQuestion(
  ctx: UseCaseContext,
  input: z.output<typeof mapCallQuestionSchema>,
) {
  const { actor } = authorizeInOrganization(ctx, "calls.manage", input.organizationId);
  const question = normalizeQuestion(input.question);
  if (!question)
    throw new AppError("INVALID_INPUT", "Give the question", { question: "Give the question" });
  const reasons = await ctx.db.callReason.findMany({
    where: { organizationId: input.organizationId },
    select: { code: true, label: true },
  });
  const known = new Set(reasons.map((r) => r.code));
  const unknown = input.reasonCodes.filter((code) => !known.has(code));
  if (unknown.length)
    throw new AppError("INVALID_INPUT", `Not in the reason taxonomy: ${unknown.join(", ")}`, {
      reasonCodes: `Unknown: ${unknown.join(", ")}`,
    });
  const to = [...new Set(input.reasonCodes)].sort();
  return ctx.db.$transaction(async (tx) => {
    const before = await tx.callQuestionMapping.findUnique({
      where: { organizationId_question: { organizationId: input.organizationId, question } },
      select: { reasonCodes: true },
    });
    const from = before ? [...before.reasonCodes].sort() : null;
    if (from && from.join("\n") === to.join("\n")) return { question, reasonCodes: to };
    await tx.callQuestionMapping.upsert({
      where: { organizationId_question: { organizationId: input.organizationId, question } },
      create: { organizationId: input.organizationId, question, reasonCodes: to },
      update: { reasonCodes: to },
    });
    await appendAuditEvent(tx, {
      organizationId: input.organizationId,
      kind: "CALL_QUESTION_MAPPED",
      actorId: actor.userId,
      payload: { question, from, to },
    });
    return { question, reasonCodes: to };
  });
}
