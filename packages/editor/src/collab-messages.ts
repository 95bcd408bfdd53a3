import { z } from "zod";

// Messages the browser editor and the collaboration server exchange beside
// the Yjs updates (Hocuspocus "stateless" messages): one schema for both ends.

export const collabClientMessageSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("save-version"),
    requestId: z.string().min(1).max(64),
    name: z.string().trim().min(1, "Name the version").max(120),
  }),
  z.object({
    type: z.literal("restore-version"),
    requestId: z.string().min(1).max(64),
    versionId: z.string().min(1),
  }),
  /**
   * Put a new thread's comment mark on a range, done by the server for people
   * whose connection is read-only (analysts may comment, not edit).
   */
  z.object({
    type: z.literal("anchor-comment"),
    requestId: z.string().min(1).max(64),
    threadId: z.string().min(1),
    from: z.number().int().min(0),
    to: z.number().int().min(1),
  }),
  /** Someone changed a comment thread: tell the others to refresh. */
  z.object({ type: z.literal("comments-changed") }),
  /**
   * Accept or reject pending suggestions (the owner, comms managers), or
   * withdraw your own: decided on the server's live document and audited there.
   */
  z.object({
    type: z.literal("decide-suggestions"),
    requestId: z.string().min(1).max(64),
    verdict: z.enum(["accept", "reject", "withdraw"]),
    scope: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("one"), suggestionId: z.string().min(1).max(100) }),
      z.object({ kind: z.literal("author"), authorId: z.string().min(1).max(100) }),
      z.object({ kind: z.literal("function"), function: z.string().min(1).max(40) }),
      /** Every suggestion within the decider's selection, named by the editor that holds it. */
      z.object({
        kind: z.literal("selection"),
        suggestionIds: z.array(z.string().min(1).max(100)).min(1).max(1000),
      }),
      z.object({ kind: z.literal("all") }),
    ]),
    reason: z.string().max(2000, "At most 2,000 characters").nullish(),
  }),
]);

export type CollabClientMessage = z.infer<typeof collabClientMessageSchema>;

export type CollabServerMessage =
  /** The version saved (or, on restore, the new version holding the restored content). */
  | {
      type: "version-result";
      requestId: string;
      ok: true;
      versionId: string;
      versionNumber: number;
    }
  | { type: "version-result"; requestId: string; ok: false; error: string }
  | { type: "anchor-result"; requestId: string; ok: boolean; error?: string }
  | { type: "suggestion-result"; requestId: string; ok: true; decided: number }
  | { type: "suggestion-result"; requestId: string; ok: false; error: string }
  | { type: "versions-changed" }
  | { type: "comments-changed" };

/** A client's stateless message, or null for anything that is not one (the server ignores those). */
export function readCollabClientMessage(payload: string): CollabClientMessage | null {
  try {
    return collabClientMessageSchema.parse(JSON.parse(payload));
  } catch {
    return null;
  }
}
