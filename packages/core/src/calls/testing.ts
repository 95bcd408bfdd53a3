import type { CallImportOptions } from "./import";

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
