import type { Database } from "@conductor/db";
import { createOrganizationWithMembers } from "@conductor/db/seed";
import type { CallImportOptions } from "./import";

/**
 * For the evidence suites: an organisation with a comms manager, an analyst
 * and an admin, and another organisation (with an analyst of its own) whose
 * ids an attacker would try.
 */
export async function evidenceOrganizations(db: Database) {
  const org = await createOrganizationWithMembers(db, [["COMMS_MANAGER"], ["ANALYST"], ["ADMIN"]]);
  const [manager, analyst, admin] = org.userIds;
  const other = await createOrganizationWithMembers(db, [["ANALYST"]]);
  return {
    organizationId: org.organizationId,
    otherOrganizationId: other.organizationId,
    users: { manager, analyst, admin },
  };
}

/**
 * For tests: a daily ISO-dated import of `calls.csv` into the organisation,
 * with its date, reason and calls columns named so; `over` changes the rest.
 */
export const dailyImportOptions = (
  organizationId: string,
  over: Partial<CallImportOptions> = {},
): CallImportOptions => ({
  organizationId,
  fileName: "calls.csv",
  granularity: "DAY",
  dateFormat: "iso",
  mapping: { date: "date", reason: "reason", calls: "calls" },
  dropColumns: [],
  dryRun: false,
  ...over,
});
