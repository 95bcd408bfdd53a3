import { adoptRuleSetChange, currentRuleSet, ruleSetHistory } from "@conductor/core";
import { adoptRuleSetChangeSchema } from "@conductor/core/schemas";
import { organizationQuery, useCaseMutation } from "../procedures";
import { router } from "../trpc";

export const ruleSetsRouter = router({
  current: organizationQuery(currentRuleSet),
  history: organizationQuery(ruleSetHistory),
  adopt: useCaseMutation(adoptRuleSetChangeSchema, adoptRuleSetChange),
});
