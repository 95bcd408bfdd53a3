import { z } from "zod";
import { id, shortText } from "./common";

export const versionNameSchema = z
  .string()
  .trim()
  .min(1, "Name the version")
  .max(120, "Keep the name under 120 characters");

export const compareVersionsSchema = z.object({
  communicationId: id,
  fromVersionId: id,
  toVersionId: id,
});

/** "Read as the customer": one reviewer's judgement of a saved version. */
export const recordCustomerReadingSchema = z.object({
  communicationId: id,
  versionId: id,
  understood: z.boolean({ error: "Say whether a customer would get it: yes or no" }),
  reason: shortText(1000).min(3, "Say why, in a few words"),
});
