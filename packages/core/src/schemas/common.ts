// Pieces every domain's schemas share.
import { z } from "zod";

export const id = z.string().trim().min(1, "is required").max(64);

export const shortText = (max: number) =>
  z.string().trim().max(max, `Keep it under ${max} characters`);

/** A list of short texts a form fills in line by line; empty until someone does. */
export const shortTextList = (max: number) => z.array(shortText(300).min(1)).max(max).default([]);

export const organizationScopeSchema = z.object({ organizationId: id });
export const communicationIdSchema = z.object({ communicationId: id });

/** Field → first message, the shape forms show beside each field. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const result: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    result[key] ??= issue.message;
  }
  return result;
}
