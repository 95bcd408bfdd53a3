import { type ActorMembership, loadActor } from "@conductor/core";
import { functionLabels, roleLabels } from "@conductor/core/labels";
import type { Database } from "@conductor/db";
import { type beforeHandleMessagePayload, type Extension, MessageType } from "@hocuspocus/server";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { applyAwarenessUpdate } from "y-protocols/awareness";

/** Who a connection is in presence: what its token proved, never what the client says. */
export interface PresenceIdentity {
  userId: string;
  name: string;
  /** "Legal", "Compliance"… or the role (Comms manager, Analyst) when no function. */
  label: string;
}

/** The editor page names people the same way, so an honest client's presence is unchanged. */
export function presenceLabel(
  membership: Pick<ActorMembership, "functions" | "roles"> | undefined,
) {
  return (
    membership?.functions.map((f) => functionLabels[f]).join(", ") ||
    membership?.roles.map((r) => roleLabels[r]).join(", ") ||
    "Member"
  );
}

/** The name and function a person shows on a document, read when they connect. */
export async function presenceIdentity(
  db: Database,
  user: { userId: string; name: string },
  communicationId: string,
): Promise<PresenceIdentity> {
  const [actor, communication] = await Promise.all([
    loadActor(db, user.userId),
    db.communication.findUnique({
      where: { id: communicationId },
      select: { organizationId: true },
    }),
  ]);
  const membership = actor?.memberships.find(
    (m) => m.organizationId === communication?.organizationId,
  );
  return { userId: user.userId, name: user.name, label: presenceLabel(membership) };
}

/** Caret colours go into style attributes in other people's browsers: a colour, nothing more. */
const COLOUR = /^#[0-9a-f]{6}$/i;
const NEUTRAL_COLOUR = "#475569";

interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Presence is Yjs awareness, which clients write freely: a reader once showed
 * up under a colleague's name and function. Every awareness message is
 * rewritten before Hocuspocus applies it: the `user` a state carries is the
 * connection's own (colour excepted), and entries for a client id someone
 * else holds are dropped — not refused, because honest providers echo other
 * people's states (and their removal after a disconnect) back to the server.
 * Placed after updateLog, whose hook keeps a connection's messages in order.
 */
export function presenceFromToken(): Extension {
  return {
    async beforeHandleMessage({
      update,
      connection,
      document,
      context,
    }: beforeHandleMessagePayload) {
      const identity = (context as { user?: PresenceIdentity }).user;
      const message = decoding.createDecoder(update);
      decoding.readVarString(message); // document name
      if (decoding.readVarUint(message) !== MessageType.Awareness) return;
      if (!identity) throw new Error("Presence refused: the connection has no identity");
      // A view into the message Hocuspocus applies next, not a copy.
      const received = decoding.readVarUint8Array(message);
      const states = document.awareness.getStates();
      const kept = awarenessEntries(received).filter(({ clientId }) => {
        if (clientId === document.awareness.clientID) return false;
        const current = states.get(clientId) as { user?: { userId?: string } } | undefined;
        // The same person may take over their own state: a reconnect can arrive
        // before the old connection's state is gone, or through another instance.
        return current === undefined || current.user?.userId === identity.userId;
      });
      // Hocuspocus then reads an update of no entries (a varuint 0 ends there).
      received[0] = 0;
      if (kept.length === 0) return;
      const stamped = encodeAwarenessEntries(
        kept.map((entry) => ({ ...entry, state: stamp(entry.state, identity) })),
      );
      // The connection's socket as origin, so its client ids leave with it.
      applyAwarenessUpdate(document.awareness, stamped, connection.webSocket);
    },
  };
}

function stamp(state: unknown, identity: PresenceIdentity) {
  if (state === null) return null; // leaving
  const given = isRecord(state) ? state : {};
  const user = isRecord(given.user) ? given.user : {};
  const color =
    typeof user.color === "string" && COLOUR.test(user.color) ? user.color : NEUTRAL_COLOUR;
  return {
    ...given,
    user: { userId: identity.userId, name: identity.name, label: identity.label, color },
  };
}

/** y-protocols' awareness update: a count, then client id, clock and JSON state for each. */
function awarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(decoder)) });
  }
  return entries;
}

function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}
