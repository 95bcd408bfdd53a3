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

/** Dates are shown unambiguously (12 Mar 2027), never as 3/12/27. */
export const formatDate = (value: Date | null | undefined) =>
  value ? dateFormat.format(value) : "Not planned";
export const formatDateTime = (value: Date) => dateTimeFormat.format(value);

export const statusTones: Record<string, BadgeTone> = {
  DRAFT: "neutral",
  IN_REVIEW: "info",
  CHANGES_REQUESTED: "warning",
  APPROVED: "success",
  RELEASED: "accent",
  ARCHIVED: "neutral",
};
