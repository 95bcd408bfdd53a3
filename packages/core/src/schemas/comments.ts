import type { ReviewFunction } from "@conductor/db/enums";
import { z } from "zod";
import { id } from "./common";

/** The handle that reaches every member of a function (`@legal`). */
export const functionHandles: Readonly<Record<string, ReviewFunction>> = {
  marketing: "MARKETING",
  legal: "LEGAL",
  compliance: "COMPLIANCE",
  regulatory: "REGULATORY",
  accounting: "ACCOUNTING",
  product: "PRODUCT",
};

/**
 * How a comment's text names people: `@` after a start, space or punctuation
 * (so an email address is not a mention), then a handle. Shared by the server
 * that notifies and the comment box that warns before posting.
 */
const MENTION = /(?:^|[^\w@])@([a-z][\w.-]*[a-z0-9]|[a-z])/gi;

/** The @handles in a text, lower case, each once, in the order written. */
export function mentionHandles(body: string): string[] {
  return [...new Set([...body.matchAll(MENTION)].flatMap(([, h]) => (h ? [h.toLowerCase()] : [])))];
}

const commentBody = z
  .string()
  .trim()
  .min(1, "Write something")
  .max(4000, "Keep a comment under 4,000 characters");

/** The parts of the brief a comment can be about (a comment on the brief names one). */
export const briefParts = [
  "The whole brief",
  "Desired outcome",
  "Action",
  "Tone",
  "Persona",
  "Journey stage",
  "Context",
  "Must-say facts",
  "Likely questions",
  "Reading grade and channel limits",
] as const;

export const startThreadSchema = z
  .object({
    communicationId: id,
    subject: z.enum(["TEXT", "BRIEF"]).default("TEXT"),
    quote: z.string().trim().min(1, "Select the text to comment on").max(2000),
    body: commentBody,
  })
  .superRefine((input, issues) => {
    if (input.subject === "BRIEF" && !(briefParts as readonly string[]).includes(input.quote))
      issues.addIssue({
        code: "custom",
        path: ["quote"],
        message: `Choose the part of the brief: ${briefParts.join(", ")}`,
      });
  });

export const replySchema = z.object({
  communicationId: id,
  threadId: id,
  body: commentBody,
});

export const editCommentSchema = z.object({
  communicationId: id,
  commentId: id,
  body: commentBody,
});

export const resolveThreadSchema = z.object({
  communicationId: id,
  threadId: id,
  resolved: z.boolean(),
});
