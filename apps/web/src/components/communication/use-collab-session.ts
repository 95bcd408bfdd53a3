"use client";
import type { CollabServerMessage as ServerMessage } from "@conductor/editor";
import { HocuspocusProvider } from "@hocuspocus/provider";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import * as Y from "yjs";
import { useTRPC } from "~/trpc/react";
import { type Collaborator, collaboratorsFrom } from "./presence";

export type ConnectionState = "connecting" | "connected" | "offline" | "refused";

export type { CollabServerMessage as ServerMessage } from "@conductor/editor";

/** The browser's view of the collab URL: configured, or this host on the collab port. */
export function collabUrl(config: { publicUrl: string | null; port: number }) {
  if (config.publicUrl) return config.publicUrl;
  const protocol = window.location.protocol === "https:" ? "wss" : "ws";
  return `${protocol}://${window.location.hostname}:${config.port}`;
}

/**
 * One shared document: a Y.Doc that outlives connections (edits made offline
 * stay and merge on reconnect), a Hocuspocus provider that asks tRPC for a
 * fresh one-minute token on every (re)connect, and presence.
 */
export function useCollabSession(input: {
  communicationId: string;
  collab: { publicUrl: string | null; port: number };
  me: Collaborator;
  onMessage: (message: ServerMessage) => void;
}) {
  const trpc = useTRPC();
  const issueToken = useMutation(trpc.collab.token.mutationOptions());
  const issueRef = useRef(issueToken.mutateAsync);
  issueRef.current = issueToken.mutateAsync;
  const onMessageRef = useRef(input.onMessage);
  onMessageRef.current = input.onMessage;

  const document = useMemo(() => new Y.Doc(), []);
  const [provider, setProvider] = useState<HocuspocusProvider | null>(null);
  const [state, setState] = useState<ConnectionState>("connecting");
  const [access, setAccess] = useState<"write" | "read" | null>(null);
  const [synced, setSynced] = useState(false);
  const [people, setPeople] = useState<Collaborator[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  // Bumped when the server closes us because access changed: reconnect with a new token.
  const [generation, setGeneration] = useState(0);

  const collabRef = useRef(input.collab);
  const meRef = useRef(input.me);
  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reconnect trigger
  useEffect(() => {
    let disposed = false;
    const next = new HocuspocusProvider({
      url: collabUrl(collabRef.current),
      name: input.communicationId,
      document,
      token: async () => {
        try {
          const issued = await issueRef.current({ communicationId: input.communicationId });
          if (!disposed) setAccess(issued.access);
          return issued.token;
        } catch (error) {
          if (!disposed) {
            setState("refused");
            // The API refuses a token once a membership is gone (or was never there).
            setRefusal("You no longer have access to this message. Ask an admin if that is wrong.");
          }
          throw error;
        }
      },
      onStatus: ({ status }) => {
        if (disposed) return;
        if (status === "connected") setState((s) => (s === "refused" ? s : "connected"));
        if (status === "disconnected") setState((s) => (s === "refused" ? s : "offline"));
      },
      onSynced: () => !disposed && setSynced(true),
      onAuthenticationFailed: ({ reason }) => {
        if (disposed) return;
        setState("refused");
        // Keep the clearer reason when the token was already refused by the API.
        setRefusal(
          (current) =>
            current ??
            `The collaboration server refused the connection (${reason}). Reload to try again.`,
        );
      },
      onClose: ({ event }) => {
        if (!disposed && event.reason === "access-changed") setGeneration((g) => g + 1);
      },
      onStateless: ({ payload }) => {
        try {
          onMessageRef.current(JSON.parse(payload) as ServerMessage);
        } catch {}
      },
      onAwarenessChange: ({ states }) => {
        if (!disposed) setPeople(collaboratorsFrom(new Map(states.map((s) => [s.clientId, s]))));
      },
    });
    next.setAwarenessField("user", meRef.current);
    setProvider(next);
    return () => {
      disposed = true;
      next.destroy();
      setProvider(null);
    };
    // Reconnects only when the document changes, or the server closed us
    // because access changed (generation) — not when props are re-created.
  }, [document, input.communicationId, generation]);

  useEffect(() => () => document.destroy(), [document]);

  return { document, provider, state, access, synced, people, refusal };
}
