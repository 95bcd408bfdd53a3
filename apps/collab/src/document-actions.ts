import {
  AppError,
  loadActor,
  loadCommunication,
  recordVersion,
  restoreVersion,
} from "@conductor/core";
import type { Database } from "@conductor/db";
import {
  acceptedDocument,
  type Channel,
  type CollabClientMessage,
  type CollabServerMessage,
  messageSchema,
  readCollabClientMessage,
  toPlainText,
} from "@conductor/editor";
import type { Document, Extension, onStatelessPayload } from "@hocuspocus/server";
import { updateYFragment, yXmlFragmentToProsemirror } from "y-prosemirror";
import { FIELD, PREHEADER_FIELD, SUBJECT_FIELD } from "./persistence";

const send = (target: { sendStateless(payload: string): void }, message: CollabServerMessage) =>
  target.sendStateless(JSON.stringify(message));

/** The live document's content, as the editors see it right now. */
function liveContent(document: Document, channel: Channel) {
  const schema = messageSchema(channel);
  const doc = yXmlFragmentToProsemirror(schema, document.getXmlFragment(FIELD));
  return {
    schema,
    json: doc.toJSON(),
    // The message as it stands; pending suggestions stay in the JSON only.
    text: toPlainText(acceptedDocument(doc)).text,
    subject: document.getText(SUBJECT_FIELD).toString(),
    preheader: document.getText(PREHEADER_FIELD).toString(),
  };
}

/**
 * Saving and restoring versions happen here, beside the live document, so a
 * version holds exactly what the editors had — not what a client claims, nor
 * a copy up to a debounce old. The same use cases and policies as the API
 * decide (a read-only member cannot save or restore).
 */
export function documentActions(db: Database): Extension {
  async function run(
    message: Extract<CollabClientMessage, { type: "save-version" | "restore-version" }>,
    userId: string,
    document: Document,
  ): Promise<{ id: string; number: number }> {
    const actor = await loadActor(db, userId);
    const ctx = { db, actor };
    const communication = await loadCommunication(ctx, document.name);
    const current = liveContent(document, communication.channel as Channel);
    if (message.type === "save-version") {
      const { schema: _schema, ...content } = current;
      const version = await recordVersion(ctx, communication, {
        ...content,
        name: message.name,
        kind: "NAMED",
      });
      return { id: version.id, number: version.number };
    }
    const restored = await restoreVersion(ctx, communication, {
      versionId: message.versionId,
      current: {
        json: current.json,
        text: current.text,
        subject: current.subject,
        preheader: current.preheader,
      },
    });
    // The restored content is applied as an ordinary change: editors see it
    // arrive, their undo history and the document's history stay intact.
    const node = current.schema.nodeFromJSON(restored.json);
    document.transact(() => {
      updateYFragment(document, document.getXmlFragment(FIELD), node, {
        mapping: new Map(),
        isOMark: new Map(),
      });
      for (const [field, value] of [
        [SUBJECT_FIELD, restored.subject],
        [PREHEADER_FIELD, restored.preheader],
      ] as const) {
        const text = document.getText(field);
        if (text.toString() === value) continue;
        text.delete(0, text.length);
        text.insert(0, value);
      }
    });
    return { id: restored.version.id, number: restored.version.number };
  }

  return {
    async onStateless({ connection, document, payload }: onStatelessPayload) {
      // Not ours, or malformed: ignore rather than drop the connection.
      const message = readCollabClientMessage(payload);
      if (!message) return;
      if (message.type === "anchor-comment") return; // comment-anchors.ts
      if (message.type === "decide-suggestions") return; // suggestion-decisions.ts
      if (message.type === "comments-changed") {
        document.broadcastStateless(
          JSON.stringify({ type: "comments-changed" } satisfies CollabServerMessage),
          (other) => other !== connection,
        );
        return;
      }
      const userId = (connection.context as { user?: { userId: string } }).user?.userId;
      if (!userId) return;
      try {
        const version = await run(message, userId, document);
        send(connection, {
          type: "version-result",
          requestId: message.requestId,
          ok: true,
          versionId: version.id,
          versionNumber: version.number,
        });
        document.broadcastStateless(
          JSON.stringify({ type: "versions-changed" } satisfies CollabServerMessage),
        );
      } catch (error) {
        send(connection, {
          type: "version-result",
          requestId: message.requestId,
          ok: false,
          error: error instanceof AppError ? error.message : "The version could not be saved",
        });
        if (!(error instanceof AppError)) console.error("collab: version action failed", error);
      }
    },
  };
}
