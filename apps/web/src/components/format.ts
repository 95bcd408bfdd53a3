import type { BadgeTone } from "@conductor/ui";

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});

// Every date the app shows goes through here, so a page never says
// "05/10/2026" where the next says "5 Oct 2026".

/** Dates are shown unambiguously (12 Mar 2027), never as 3/12/27. */
export const formatDate = (value: Date | string | number) => dateFormat.format(new Date(value));
/** A planned date that may not be set yet. */
export const formatPlannedDate = (value: Date | null | undefined) =>
  value ? formatDate(value) : "Not planned";
export const formatDateTime = (value: Date | string | number) =>
  dateTimeFormat.format(new Date(value));
/** From one day to another ("5 Oct 2026 to 11 Oct 2026"), or the one day. */
export const formatDateRange = (first: Date, last: Date) => {
  const from = formatDate(first);
  const to = formatDate(last);
  return from === to ? from : `${from} to ${to}`;
};

export const statusTones: Record<string, BadgeTone> = {
  DRAFT: "neutral",
  IN_REVIEW: "info",
  CHANGES_REQUESTED: "warning",
  APPROVED: "success",
  RELEASED: "accent",
  ARCHIVED: "neutral",
};
