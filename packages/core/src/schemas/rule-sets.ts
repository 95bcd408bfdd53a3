import { RuleSetSource } from "@conductor/db/enums";
import type { RuleSet } from "@conductor/rules";
import { z } from "zod";
import { id, shortText } from "./common";

export const ruleSetSourceValues = Object.values(RuleSetSource) as [
  RuleSetSource,
  ...RuleSetSource[],
];

/**
 * Adopting a change to the organisation's rule set: from Settings → Rules and
 * from the Evidence page's proposals alike. The change itself is checked by
 * the rules' own parser in the use case (parseRuleSet, which names each bad
 * field), not re-described here, so the two can never disagree.
 */
export const adoptRuleSetChangeSchema = z.object({
  organizationId: id,
  /** In the rule set's shape; what it leaves out stays as it is (see RuleSetChange). */
  change: z.custom<RuleSet>(
    (value) => typeof value === "object" && value !== null && !Array.isArray(value),
    { error: "must be an object of rule-set fields" },
  ),
  reason: shortText(1000).min(3, "Say why the rules should change"),
  source: z.enum(ruleSetSourceValues).default("SETTINGS"),
  /**
   * The version number the change was worked out against (0: the defaults).
   * When given and another admin adopted a change since, the change is
   * refused rather than applied on top of rules nobody looked at.
   */
  basedOn: z.number().int().min(0).max(1_000_000).optional(),
});

/** What a caller sends (the Evidence page builds one from a proposal). */
export type AdoptRuleSetChangeInput = z.input<typeof adoptRuleSetChangeSchema>;
