import { z } from "zod";
import { id, shortText } from "./common";
import { channelSchema } from "./enums";

export const releaseSchema = z.object({
  communicationId: id,
  reviewId: id,
  channel: channelSchema,
  sendDates: z
    .array(z.coerce.date({ error: "must be a date" }))
    .min(1, "Give at least one send date")
    .max(50),
  recipients: z.coerce.number().int().min(1, "At least one recipient").max(1_000_000_000),
  campaignId: shortText(200)
    .optional()
    .transform((v) => v || undefined),
});

/** What a sending system posts to record a release (its token says which organisation). */
export const releaseByTokenSchema = releaseSchema.omit({ reviewId: true });

export const createReleaseTokenSchema = z.object({
  organizationId: id,
  name: shortText(80).min(2, "Name the sending system"),
  /** What the token may do; recording releases unless said otherwise. */
  scope: z.enum(["RELEASES", "CALL_VOLUME"]).default("RELEASES"),
});

export const revokeReleaseTokenSchema = z.object({ organizationId: id, tokenId: id });
