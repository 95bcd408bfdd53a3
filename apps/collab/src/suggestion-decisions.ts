import { AppError, decideSuggestions, loadActor, loadCommunication } from "@conductor/core";
import type { Database } from "@conductor/db";
import {
  type Channel,
  type CollabServerMessage,
  decidedDocument,
  messageSchema,
  readCollabClientMessage,
} from "@conductor/editor";
import type { Extension, onStatelessPayload } from "@hocuspocus/server";
import { updateYFragment, yXmlFragmentToProsemirror } from "y-prosemirror";
import { FIELD } from "./document-content";

type Answer = Extract<CollabServerMessage, { type: "suggestion-result" }>;
type Reply = Answer extends infer A
  ? A extends Answer
    ? Omit<A, "type" | "requestId">
    : never
  : never;

/**
 * Accepting, rejecting and withdrawing suggestions happen here, beside the
 * live document: core's use case checks who may, reads which suggestions
 * and the text either side from the document itself, and writes the audit
 * entry; then the decision is applied to the document as it is now (edits
 * that arrived meanwhile stay) as one change every editor receives.
 */
export function suggestionDecisions(db: Database): Extension {
  return {
    async onStateless({ connection, document, payload }: onStatelessPayload) {
      const message = readCollabClientMessage(payload);
      if (message?.type !== "decide-suggestions") return;
      const reply = (answer: Reply) =>
        connection.sendStateless(
          JSON.stringify({ type: "suggestion-result", requestId: message.requestId, ...answer }),
        );
      const userId = (connection.context as { user?: { userId: string } }).user?.userId;
      try {
        const actor = userId ? await loadActor(db, userId) : null;
        const ctx = { db, actor };
        const communication = await loadCommunication(ctx, document.name);
        const schema = messageSchema(communication.channel as Channel);
        const fragment = document.getXmlFragment(FIELD);
        const { decided } = await decideSuggestions(ctx, communication, {
          verdict: message.verdict,
          scope: message.scope,
          reason: message.reason ?? null,
          document: yXmlFragmentToProsemirror(schema, fragment),
        });
        const ids = new Set(decided.map((s) => s.id));
        const next = decidedDocument(
          yXmlFragmentToProsemirror(schema, fragment),
          (s) => ids.has(s.id),
          message.verdict === "accept" ? "accept" : "reject",
        );
        document.transact(() =>
          updateYFragment(document, fragment, next, { mapping: new Map(), isOMark: new Map() }),
        );
        reply({ ok: true, decided: decided.length });
      } catch (error) {
        reply({
          ok: false,
          error: error instanceof AppError ? error.message : "The suggestion could not be decided",
        });
        if (!(error instanceof AppError))
          console.error("collab: suggestion decision failed", error);
      }
    },
  };
}
