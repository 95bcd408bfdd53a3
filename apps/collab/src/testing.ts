import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import { issueCollabToken, loadActor } from "@conductor/core";
import type { Database, OpenDatabase } from "@conductor/db";
import { seedDemoOrganization } from "@conductor/db/seed";
import { createTestDatabase, freePort } from "@conductor/db/testing";
import type { CollabServerMessage } from "@conductor/editor";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { FIELD } from "./persistence";
import { createCollabServer } from "./server";

export { freePort };

// Helpers for the collab tests: a free port, and a real provider client.

/**
 * A fresh test database with the demo organisation, and the id of its
 * transactional message: the document the collab tests edit.
 */
export async function demoDocument() {
  const db = await createTestDatabase();
  const demo = await seedDemoOrganization(db.prisma);
  if (!demo) throw new Error("The test database already held the demo organisation");
  const { id: communicationId } = await db.prisma.communication.findFirstOrThrow({
    where: { title: { contains: "transactional" } },
    select: { id: true },
  });
  return { db, demo, communicationId };
}

/**
 * What a submission leaves in the database, written directly (no signal to
 * collab): a version of the communication's text and an open review of it
 * with one Legal stage. Returns the review.
 */
export async function openReviewAsSubmitted(db: Database, communicationId: string) {
  const communication = await db.communication.findUniqueOrThrow({
    where: { id: communicationId },
  });
  const version = await db.communicationVersion.create({
    data: {
      communicationId,
      number: (await db.communicationVersion.count({ where: { communicationId } })) + 1,
      name: "Submitted",
      kind: "AUTOMATIC",
      authorId: communication.ownerId,
      json: { type: "doc", content: [] },
      text: communication.body,
      contentHash: "0".repeat(64),
    },
  });
  return db.review.create({
    data: {
      organizationId: communication.organizationId,
      communicationId,
      stages: [
        { name: "Legal", functions: ["LEGAL"], quorum: { kind: "any" }, dueBusinessDays: 2 },
      ],
      versionId: version.id,
      versionHash: version.contentHash,
      rulesVersion: "test",
      score: 80,
      analysis: { score: 80, findings: [] },
      submittedById: communication.ownerId,
    },
  });
}

/**
 * A real collab server over `db` on a free port, listening, with the store
 * delays the test needs (short to see stores, far away to see the log alone).
 */
export async function listeningCollabServer(
  db: OpenDatabase,
  secret: string,
  store: { debounce: number; maxDebounce: number },
) {
  const port = await freePort();
  const server = createCollabServer({ db: db.prisma, secret, port, ...store });
  await server.listen();
  return { port, server };
}

/** The token the web app would hand this person for the communication's document. */
export async function collabTokenFor(
  db: OpenDatabase,
  communicationId: string,
  userId: string,
  secret: string,
) {
  const actor = await loadActor(db.prisma, userId);
  const { token } = await issueCollabToken({ db: db.prisma, actor }, communicationId, secret);
  return token;
}

/** A real Hocuspocus provider in Node, as a browser tab would be. */
export function connect(port: number, documentName: string, token: string) {
  const document = new Y.Doc();
  const websocketProvider = new HocuspocusProviderWebsocket({
    url: `ws://127.0.0.1:${port}`,
    WebSocketPolyfill: WebSocket,
  });
  const provider = new HocuspocusProvider({
    websocketProvider,
    name: documentName,
    token,
    document,
  });
  provider.attach(); // a provider given its own socket does not attach by itself
  const synced = new Promise<void>((resolve) => provider.on("synced", () => resolve()));
  const refused = new Promise<string>((resolve) =>
    provider.on("authenticationFailed", ({ reason }: { reason: string }) => resolve(reason)),
  );
  const closed = new Promise<string>((resolve) =>
    provider.on("close", ({ event }: { event: { reason: string } }) => resolve(event.reason)),
  );
  /** Sends a stateless request and resolves with the answer of `answerType` carrying its id. */
  const ask = (answerType: CollabServerMessage["type"], request: Record<string, unknown>) => {
    const requestId = Math.random().toString(36).slice(2);
    return new Promise<CollabServerMessage>((resolve) => {
      const onStateless = ({ payload }: { payload: string }) => {
        const answer = JSON.parse(payload) as CollabServerMessage;
        if (answer.type === answerType && "requestId" in answer && answer.requestId === requestId) {
          provider.off("stateless", onStateless);
          resolve(answer);
        }
      };
      provider.on("stateless", onStateless);
      provider.sendStateless(JSON.stringify({ ...request, requestId }));
    });
  };
  return {
    provider,
    /** Drops the network connection (the document and local edits stay); resolves once closed. */
    goOffline: () =>
      new Promise<void>((resolve) => {
        websocketProvider.on("disconnect", () => resolve());
        websocketProvider.disconnect();
      }),
    goOnline: () => websocketProvider.connect(),
    document,
    synced,
    refused,
    /** The reason the server gave when it closed this document's connection. */
    closed,
    text: () => document.getXmlFragment(FIELD).toString(),
    /** Asks the server to anchor a thread on a range; resolves with its answer. */
    anchorComment: (threadId: string, from: number, to: number) =>
      ask("anchor-result", { type: "anchor-comment", threadId, from, to }),
    /** Sends a version request and waits for the server's answer. */
    versionAction: (
      message:
        | { type: "save-version"; name: string }
        | { type: "restore-version"; versionId: string },
    ) => ask("version-result", message),
    /** Asks the server to accept, reject or withdraw suggestions; resolves with its answer. */
    decideSuggestions: (request: {
      verdict: "accept" | "reject" | "withdraw";
      scope: Record<string, string | string[]>;
      reason?: string | null;
    }) => ask("suggestion-result", { type: "decide-suggestions", ...request }),
    /** Appends a paragraph the way the editor would. */
    type(words: string) {
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText(words)]);
      document.getXmlFragment(FIELD).push([paragraph]);
    },
    close() {
      provider.destroy();
      websocketProvider.destroy();
    },
  };
}

/** The collab server in its own process, as `npm start` runs it; resolves once it listens. */
export async function startCollabProcess(env: Record<string, string>): Promise<ChildProcess> {
  // The loader runs in this process (tsx's CLI would start a second one that
  // SIGKILL would not reach).
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: resolve(import.meta.dirname, ".."),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  // tsx compiles the server and its packages first: slow on a busy machine.
  const deadline = Date.now() + 60_000;
  while (!output.includes("listening")) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL"); // never left behind holding the port and the database
      throw new Error(`collab did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return child;
}

/** Polls until `check` holds or `ms` pass; says whether it held. */
export async function until(check: () => boolean | Promise<boolean>, ms = 5000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}
