import {
  acceptedDocument,
  decidedDocument,
  describeProposedChange,
  pendingSuggestions,
  type SuggestionAttributes,
  toPlainText,
} from "@conductor/editor";
import { appendAuditEvent } from "../audit/append";
import type { DecidedSuggestion, SuggestionDecision } from "../audit/events";
import type { LoadedCommunication } from "../communications/load";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { assertWellFormed } from "../input-guard";
import { authorizeCommunication } from "../policies";
import { notifyPeople } from "../reviews/review-notifications";
import { decidedSuggestion } from "./decided";

type ProseMirrorNode = Parameters<typeof pendingSuggestions>[0];

export type SuggestionScope = SuggestionDecision["scope"];
export type SuggestionVerdict = "accept" | "reject" | "withdraw";

const REASON_LIMIT = 2000;

const inScope = (scope: SuggestionScope): ((s: SuggestionAttributes) => boolean) => {
  switch (scope.kind) {
    case "one":
      return (s) => s.id === scope.suggestionId;
    case "author":
      return (s) => s.authorId === scope.authorId;
    case "function":
      return (s) => s.authorFunction === scope.function;
    case "selection": {
      // Ids the decider's editor saw in the selection; any decided since are simply not pending.
      const ids = new Set(scope.suggestionIds);
      return (s) => ids.has(s.id);
    }
    case "all":
      return () => true;
  }
};

/** "replacing ‘remit’ with ‘pay’": one rejected suggestion as its author's notification names it. */
const whatWasProposed = (s: DecidedSuggestion) => describeProposedChange(s, 60);

const textOf = (doc: ProseMirrorNode) => toPlainText(acceptedDocument(doc)).text;

/**
 * Accepts, rejects or withdraws pending suggestions of the live document and
 * records the decision: the owner or a comms manager accepts and rejects
 * (with an optional reason for the authors); a suggester withdraws only
 * their own. What the audit entry says (which suggestions, their text, the
 * message before and after) is computed here from the document the caller
 * holds, never taken from a client. Returns the decided document once the
 * entry is committed, for the caller to apply as one change: a refused or
 * failed decision leaves the document as it was.
 */
export async function decideSuggestions(
  ctx: UseCaseContext,
  communication: LoadedCommunication,
  input: {
    verdict: SuggestionVerdict;
    scope: SuggestionScope;
    reason?: string | null;
    /** The live document, read when asked. */
    document: ProseMirrorNode;
  },
): Promise<{ document: ProseMirrorNode; decided: DecidedSuggestion[] }> {
  const { actor } = authorizeCommunication(
    ctx,
    input.verdict === "withdraw" ? "communication.edit" : "communication.update",
    communication,
  );
  assertWellFormed({ scope: input.scope, reason: input.reason ?? null });
  const reason = input.reason?.trim() || null;
  if (input.verdict !== "reject" && reason)
    throw new AppError("INVALID_INPUT", "Only a rejection carries a reason", {
      reason: "Only a rejection carries a reason",
    });
  if (reason && reason.length > REASON_LIMIT)
    throw new AppError("INVALID_INPUT", `The reason is longer than ${REASON_LIMIT} characters`, {
      reason: `At most ${REASON_LIMIT} characters`,
    });

  const matching = pendingSuggestions(input.document).filter(inScope(input.scope));
  if (matching.length === 0)
    throw new AppError(
      "NOT_FOUND",
      "No pending suggestion matches: it may have been decided already",
    );
  if (input.verdict === "withdraw" && matching.some((s) => s.authorId !== actor.userId))
    throw new AppError("FORBIDDEN", "Only the person who made a suggestion can withdraw it");

  const ids = new Set(matching.map((s) => s.id));
  const document = decidedDocument(
    input.document,
    (s) => ids.has(s.id),
    input.verdict === "accept" ? "accept" : "reject",
  );
  const decided = matching.map(decidedSuggestion);
  const payload: SuggestionDecision = {
    scope: input.scope,
    suggestions: decided,
    textBefore: textOf(input.document),
    textAfter: textOf(document),
  };
  await ctx.db.$transaction(async (tx) => {
    const base = {
      organizationId: communication.organizationId,
      actorId: actor.userId,
      communicationId: communication.id,
    };
    if (input.verdict === "reject") {
      // Each author hears what was turned down and why, in the decision's transaction.
      const byAuthor = new Map<string, DecidedSuggestion[]>();
      for (const s of decided) byAuthor.set(s.authorId, [...(byAuthor.get(s.authorId) ?? []), s]);
      for (const [authorId, theirs] of byAuthor)
        await notifyPeople(tx, [authorId], "SUGGESTION_REJECTED", {
          ...base,
          actorName: actor.name,
          excerpt: `${communication.title}: ${
            theirs[0] && theirs.length === 1
              ? whatWasProposed(theirs[0])
              : `${theirs.length} suggestions`
          }${reason ? ` — “${reason}”` : ""}`,
        });
    }
    if (input.verdict === "accept")
      await appendAuditEvent(tx, { ...base, kind: "SUGGESTION_ACCEPTED", payload });
    else if (input.verdict === "reject")
      await appendAuditEvent(tx, {
        ...base,
        kind: "SUGGESTION_REJECTED",
        payload: { ...payload, reason },
      });
    else await appendAuditEvent(tx, { ...base, kind: "SUGGESTION_WITHDRAWN", payload });
  });
  return { document, decided };
}
