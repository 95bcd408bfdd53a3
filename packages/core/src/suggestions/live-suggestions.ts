import type { Database } from "@conductor/db";
import { type Channel, messageSchema, pendingSuggestions } from "@conductor/editor";
import { yXmlFragmentToProsemirror } from "y-prosemirror";
import * as Y from "yjs";
import type { DecidedSuggestion } from "../audit/events";
import { loadCommunicationDocument } from "../documents/load-document";
import { decidedSuggestion } from "./decided";

/** The Yjs field the editor's body lives in (the collaboration server's FIELD). */
const BODY_FIELD = "default";

/**
 * The suggestions pending in a communication's shared document now, as the
 * collaboration server would open it: the stored state plus every update
 * logged since. The stored editor JSON alone lags the live document by up to
 * the store debounce (1.5 s), so a reviewer who suggests and approves at
 * once would otherwise slip past the "approve with changes" question.
 */
export async function liveSuggestions(
  db: Database,
  communicationId: string,
): Promise<DecidedSuggestion[]> {
  const stored = await loadCommunicationDocument(db, communicationId);
  // Never opened: only the plain body, which cannot hold a suggestion.
  if (!stored?.state) return [];
  const ydoc = new Y.Doc();
  Y.applyUpdate(ydoc, stored.state);
  for (const { update } of stored.updates) {
    // The collaboration server skips an unreadable row when it opens the document; so do we.
    try {
      Y.applyUpdate(ydoc, update);
    } catch {}
  }
  const doc = yXmlFragmentToProsemirror(
    messageSchema(stored.channel as Channel),
    ydoc.getXmlFragment(BODY_FIELD),
  );
  ydoc.destroy();
  return pendingSuggestions(doc).map(decidedSuggestion);
}
