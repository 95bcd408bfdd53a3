import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import { rulesVersionOf } from "../scoring/rule-set";
import { ruleSetInForce } from "./in-force";

/**
 * The rule set every score in the organisation uses now: what the live panel
 * builds its analyzer with and Settings → Rules shows. Every member reads it,
 * since every member sees the scores it produces.
 */
export async function currentRuleSet(ctx: UseCaseContext, organizationId: string) {
  authorizeInOrganization(ctx, "organization.read", organizationId);
  const inForce = await ruleSetInForce(ctx.db, organizationId);
  const ruleSet = inForce?.ruleSet ?? null;
  return {
    /** Null: no change adopted yet, the product's defaults apply. */
    version: inForce
      ? {
          id: inForce.id,
          number: inForce.number,
          reason: inForce.reason,
          source: inForce.source,
          adoptedAt: inForce.createdAt,
          adoptedBy: inForce.adoptedBy,
        }
      : null,
    ruleSet,
    rulesVersion: rulesVersionOf(ruleSet),
  };
}
