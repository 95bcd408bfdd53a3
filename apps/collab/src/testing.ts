import { createServer } from "node:net";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import WebSocket from "ws";
import * as Y from "yjs";
import { FIELD } from "./persistence";

// Helpers for the collab tests: a free port, and a real provider client.

export function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
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
  return {
    document,
    synced,
    refused,
    text: () => document.getXmlFragment(FIELD).toString(),
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
