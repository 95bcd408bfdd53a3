import type { Prisma } from "@conductor/db";
import { parseRuleSet, type RuleSet, RuleSetError } from "@conductor/rules";
import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import { AppError, notFound } from "../errors";
import { authorizeInOrganization } from "../policies";
import type { adoptRuleSetChangeSchema } from "../schemas";
import {
  applyRuleSetChange,
  effectiveRuleSet,
  ruleSetChanges,
  rulesVersionOf,
} from "../scoring/rule-set";
import { ruleSetInForce } from "./in-force";

/** The rules' parser's complaint as a 400 naming each field under `change`. */
function validated<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof RuleSetError)) throw error;
    const fieldErrors = Object.fromEntries(
      error.issues.map((issue) => [issue.path ? `change.${issue.path}` : "change", issue.message]),
    );
    const first = error.issues[0];
    throw new AppError(
      "INVALID_INPUT",
      `The rule set cannot take that change: ${first?.path || "(the change)"}: ${first?.message ?? "invalid"}`,
      fieldErrors,
      "INVALID_RULE_SET",
    );
  }
}

/**
 * Adopts a change to the organisation's rule set (admins only): switch a rule
 * off or on, change its severity, set weights or thresholds, replace a phrase
 * list. The Evidence page calls it with a proposal and Settings → Rules with
 * an admin's edit. The result is a new immutable version, in force at once
 * for every score (live panel, submission, the review gate); frozen analyses
 * keep the rules version they were scored with. A change that leaves every
 * value as it was is refused, so the history and the trail hold only
 * decisions that did something.
 */
export async function adoptRuleSetChange(
  ctx: UseCaseContext,
  input: z.output<typeof adoptRuleSetChangeSchema>,
) {
  const { actor } = authorizeInOrganization(ctx, "ruleSet.adopt", input.organizationId);
  // The change on its own first, so an unknown rule or a bad value is named
  // as the caller wrote it, before anything is read or locked.
  const change = validated(() => parseRuleSet(input.change));
  return ctx.db.$transaction(async (tx) => {
    // One adoption at a time per organisation: each numbers its version after,
    // and measures its change against, the one it saw in force.
    const [organization] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Organization" WHERE id = ${input.organizationId} FOR UPDATE`;
    if (!organization) throw notFound("Organisation");
    const inForce = await ruleSetInForce(tx, input.organizationId);
    const fromNumber = inForce?.number ?? null;
    if (input.basedOn !== undefined && input.basedOn !== (fromNumber ?? 0))
      throw new AppError(
        "CONFLICT",
        `The rules changed since this change was worked out (version ${fromNumber ?? 0} is in force, not ${input.basedOn}): look at it again against the rules in force`,
        { basedOn: "another change was adopted since" },
        "RULE_SET_CHANGED",
      );
    const before: RuleSet = inForce?.ruleSet ?? {};
    const after = validated(() => applyRuleSetChange(before, change));
    const changes = ruleSetChanges(before, after);
    if (changes.length === 0)
      throw new AppError(
        "INVALID_INPUT",
        "That change leaves every rule, weight and threshold as it is: nothing was adopted",
        { change: "changes nothing in the rules in force" },
        "NO_CHANGE",
      );
    const weights = Object.values(effectiveRuleSet(after).weights);
    if (!weights.some((weight) => weight > 0))
      throw new AppError(
        "INVALID_INPUT",
        "At least one dimension must count in the score: every weight would be 0",
        { "change.weights": "at least one weight must be above 0" },
        "INVALID_RULE_SET",
      );
    const version = await tx.ruleSetVersion.create({
      data: {
        organizationId: input.organizationId,
        number: (fromNumber ?? 0) + 1,
        ruleSet: after as Prisma.InputJsonValue,
        reason: input.reason,
        source: input.source,
        adoptedById: actor.userId,
      },
      select: { id: true, number: true, createdAt: true },
    });
    const rulesVersion = {
      from: rulesVersionOf(inForce?.ruleSet ?? null),
      to: rulesVersionOf(after),
    };
    await appendAuditEvent(tx, {
      organizationId: input.organizationId,
      kind: "RULE_SET_ADOPTED",
      actorId: actor.userId,
      payload: {
        ruleSetVersionId: version.id,
        number: version.number,
        fromNumber,
        source: input.source,
        reason: input.reason,
        changes,
        rulesVersion,
      },
    });
    return { ...version, changes, rulesVersion: rulesVersion.to };
  });
}
