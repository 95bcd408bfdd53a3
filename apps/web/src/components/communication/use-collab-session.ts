"use client";
import type { CollabClientMessage, CollabServerMessage as ServerMessage } from "@conductor/editor";
import { HocuspocusProvider } from "@hocuspocus/provider";
import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import * as Y from "yjs";
import { useTRPC } from "~/trpc/react";
import { type Collaborator, collaboratorsFrom } from "./presence";

/**
 * "reconnecting": the connection to the collaboration server dropped (under
 * `npm start` that process is supervised and comes back) and the provider is
 * retrying; edits stay in the document meanwhile.
 */
export type ConnectionState = "connecting" | "connected" | "reconnecting" | "refused";

export type { CollabServerMessage as ServerMessage } from "@conductor/editor";

/** A message that asks the collaboration server for something and waits for its answer. */
type CollabRequest = Extract<CollabClientMessage, { requestId: string }>;
type Answer = Extract<ServerMessage, { requestId: string }>;
/** Which answer each request gets. */
interface AnswerTo {
  "save-version": Extract<Answer, { type: "version-result" }>;
  "restore-version": Extract<Answer, { type: "version-result" }>;
  "anchor-comment": Extract<Answer, { type: "anchor-result" }>;
  "decide-suggestions": Extract<Answer, { type: "suggestion-result" }>;
}
/** A request as the caller writes it: the session adds the request id. */
export type CollabAsk = {
  [K in CollabRequest["type"]]: Omit<Extract<CollabRequest, { type: K }>, "requestId">;
}[CollabRequest["type"]];

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
  /** Requests sent and not yet answered, by request id. */
  const waiting = useRef(new Map<string, (answer: Answer) => void>());

  // Bumped when the server refused an edit that only a suggestion could make
  // (a review opened meanwhile): this copy holds an edit the shared document
  // never will, so it is dropped and the document opened afresh.
  const [copy, setCopy] = useState(0);
  const [suggestOnly, setSuggestOnly] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: copy is the trigger for a fresh document
  const document = useMemo(() => new Y.Doc(), [copy]);
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
    // Set once constructed: the provider may report awareness while being built.
    let self: HocuspocusProvider | null = null;
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
        if (status === "disconnected") setState((s) => (s === "refused" ? s : "reconnecting"));
        // A new attempt after being live (a replaced provider, a dropped socket
        // not yet reported closed) is a reconnect, not the first "Connecting…".
        if (status === "connecting") setState((s) => (s === "connected" ? "reconnecting" : s));
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
        if (!disposed && event.reason === "suggestions-only") {
          setSuggestOnly(true);
          setSynced(false);
          setCopy((n) => n + 1);
        }
      },
      onStateless: ({ payload }) => {
        try {
          const message = JSON.parse(payload) as ServerMessage;
          if ("requestId" in message) waiting.current.get(message.requestId)?.(message);
          onMessageRef.current(message);
        } catch {}
      },
      onAwarenessChange: ({ states }) => {
        if (disposed) return;
        const present = collaboratorsFrom(new Map(states.map((s) => [s.clientId, s])));
        setPeople(present);
        // My caret takes the colour the list gives me, so no two carets look alike.
        const mine = present.find((p) => p.userId === meRef.current.userId);
        const shown = self?.awareness?.getLocalState()?.user as Collaborator | undefined;
        if (mine && shown && shown.color !== mine.color)
          self?.setAwarenessField("user", { ...shown, color: mine.color });
      },
    });
    self = next;
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

  const live = useRef({ provider, state });
  live.current = { provider, state };
  /** Sends a request to the collaboration server and waits for its answer (10 s at most). */
  const ask = useCallback(
    <M extends CollabAsk>(message: M) =>
      new Promise<AnswerTo[M["type"]]>((resolve, reject) => {
        const { provider: current, state: now } = live.current;
        if (!current || now !== "connected")
          return reject(new Error("Not connected to the shared document; try again in a moment"));
        const requestId = crypto.randomUUID();
        const timer = setTimeout(() => {
          waiting.current.delete(requestId);
          reject(new Error("The collaboration server did not answer; try again"));
        }, 10_000);
        waiting.current.set(requestId, (answer) => {
          clearTimeout(timer);
          waiting.current.delete(requestId);
          resolve(answer as AnswerTo[M["type"]]);
        });
        current.sendStateless(JSON.stringify({ ...message, requestId } satisfies CollabRequest));
      }),
    [],
  );

  return { document, provider, state, access, synced, people, refusal, ask, suggestOnly };
}
