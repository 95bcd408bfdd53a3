import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import { ruleSetChanges } from "../scoring/rule-set";
import { ruleSetVersionFields, storedRuleSet } from "./in-force";

/**
 * Every adopted version, newest first: who, when, why, from where, and what
 * it changed against the one before (the first, against the defaults).
 * Recomputed from the immutable rows, the same way the audit entry was.
 */
export async function ruleSetHistory(ctx: UseCaseContext, organizationId: string) {
  authorizeInOrganization(ctx, "organization.read", organizationId);
  const versions = await ctx.db.ruleSetVersion.findMany({
    where: { organizationId },
    orderBy: { number: "asc" },
    select: ruleSetVersionFields,
  });
  let before = {};
  const history = versions.map(({ ruleSet: json, ...version }) => {
    const ruleSet = storedRuleSet(json);
    const changes = ruleSetChanges(before, ruleSet);
    before = ruleSet;
    return { ...version, adoptedAt: version.createdAt, changes };
  });
  return history.reverse();
}
