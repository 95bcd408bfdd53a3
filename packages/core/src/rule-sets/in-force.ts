import type { Database, Prisma } from "@conductor/db";
import { parseRuleSet, type RuleSet, ruleDefinitions } from "@conductor/rules";
import { canonicalRuleSet } from "../scoring/rule-set";

const knownRules = new Set<string>(ruleDefinitions.map((rule) => rule.id));

/**
 * A stored rule set as the rules read it. Stored rows were validated when
 * adopted; a rule the registry has since dropped is left out here rather
 * than failing every score in the organisation (its setting can no longer
 * matter). Anything else that does not parse is a fault, and throws.
 */
export function storedRuleSet(json: Prisma.JsonValue): RuleSet {
  const raw = (json ?? {}) as { rules?: Record<string, unknown> };
  const rules = raw.rules
    ? Object.fromEntries(Object.entries(raw.rules).filter(([id]) => knownRules.has(id)))
    : undefined;
  return canonicalRuleSet(parseRuleSet({ ...raw, ...(rules ? { rules } : {}) }));
}

/** What is shown of an adopted version: its rule set, who, when, why and from where. */
export const ruleSetVersionFields = {
  id: true,
  number: true,
  ruleSet: true,
  reason: true,
  source: true,
  createdAt: true,
  adoptedBy: { select: { id: true, name: true } },
} satisfies Prisma.RuleSetVersionSelect;

/**
 * The organisation's rule set in force: its newest version, or null while it
 * has adopted none (the product's defaults). No authorisation: every scorer
 * (submission, the review gate) reads it for a message it already authorised.
 */
export async function ruleSetInForce(
  db: Database | Prisma.TransactionClient,
  organizationId: string,
) {
  const newest = await db.ruleSetVersion.findFirst({
    where: { organizationId },
    orderBy: { number: "desc" },
    select: ruleSetVersionFields,
  });
  return newest ? { ...newest, ruleSet: storedRuleSet(newest.ruleSet) } : null;
}
