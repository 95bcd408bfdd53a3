export const decisionLabels = {
  APPROVE: "Approved",
  APPROVE_WITH_COMMENTS: "Approved with comments",
  REQUEST_CHANGES: "Requested changes",
  REJECT: "Rejected",
} as const;

export const statusWords = {
  IN_REVIEW: "In review",
  CHANGES_REQUESTED: "Changes requested",
  REJECTED: "Rejected",
  APPROVED: "Approved — waiting for the release",
  RELEASED: "Released",
  WITHDRAWN: "Withdrawn",
} as const;

/** How many suggestions a decision carried (its `suggestions` column is JSON). */
export const carriedCount = (suggestions: unknown) =>
  Array.isArray(suggestions) ? suggestions.length : 0;

/** The reason a refused call gives (the workflow's code), when it gives one. */
export const reasonOf = (error: unknown) =>
  (error as { data?: { reason?: string | null } } | null)?.data?.reason ?? null;
