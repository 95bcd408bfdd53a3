import { z } from "zod";
import { id, shortText } from "./common";
import { quoted, readSentDate } from "./dates";
import { channelSchema } from "./enums";

const DAY = 86_400_000;
/** No release predates the product's data; none is planned further ahead than this. */
const EARLIEST_SEND = Date.UTC(2000, 0, 1);
const YEARS_AHEAD = 5;

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * One day a message is sent: `YYYY-MM-DD` or an ISO date-time with its
 * offset (the API), or a Date (the app's own client). Anything else is
 * refused by name, never guessed at: "18/05/2027" once became 1 January 1970.
 */
export const sendDateSchema = z
  .union([z.string(), z.date()], {
    error: (issue) => `${quoted(issue.input)} is not a date: write it as YYYY-MM-DD`,
  })
  .transform((value, ctx) => {
    const read = readSentDate(value);
    if ("problem" in read) {
      ctx.addIssue({ code: "custom", message: read.problem });
      return z.NEVER;
    }
    const { date } = read;
    const latest = Date.now() + YEARS_AHEAD * 366 * DAY;
    if (date.getTime() < EARLIEST_SEND || date.getTime() > latest) {
      ctx.addIssue({
        code: "custom",
        message: `${quoted(value)} is outside the dates a release is sent: give a day from ${isoDay(EARLIEST_SEND)} to ${isoDay(latest)}`,
      });
      return z.NEVER;
    }
    return date;
  });

export const sendDatesSchema = z
  .array(sendDateSchema, { error: "must be a list of dates (YYYY-MM-DD)" })
  .min(1, "Give at least one send date")
  .max(50, "Give at most 50 send dates");

export const recipientsSchema = z
  .number({ error: "must be a whole number of recipients" })
  .int("must be a whole number of recipients")
  .min(1, "At least one recipient")
  .max(1_000_000_000, "At most 1,000,000,000 recipients");

const campaignIdSchema = shortText(200);

export const releaseSchema = z.object({
  communicationId: id,
  reviewId: id,
  channel: channelSchema,
  sendDates: sendDatesSchema,
  recipients: recipientsSchema,
  campaignId: campaignIdSchema.optional().transform((v) => v || undefined),
});

/**
 * A correction of a recorded release: only what was wrong, and why. The
 * release keeps its id (analyses and certificates name it); the trail keeps
 * what it said before. An empty campaign id removes it.
 */
export const correctReleaseSchema = z
  .object({
    communicationId: id,
    releaseId: id,
    sendDates: sendDatesSchema.optional(),
    recipients: recipientsSchema.optional(),
    campaignId: campaignIdSchema.nullable().optional(),
    reason: shortText(1000).min(5, "Say why the release is corrected (at least 5 characters)"),
  })
  .refine(
    (input) =>
      input.sendDates !== undefined ||
      input.recipients !== undefined ||
      input.campaignId !== undefined,
    { message: "Give the send dates, recipients or campaign id to correct", path: ["form"] },
  );

/** What a sending system posts to record a release (its token says which organisation). */
export const releaseByTokenSchema = releaseSchema.omit({ reviewId: true });

export const createReleaseTokenSchema = z.object({
  organizationId: id,
  name: shortText(80).min(2, "Name the sending system"),
  /** What the token may do; recording releases unless said otherwise. */
  scope: z.enum(["RELEASES", "CALL_VOLUME"]).default("RELEASES"),
});

export const revokeReleaseTokenSchema = z.object({ organizationId: id, tokenId: id });
