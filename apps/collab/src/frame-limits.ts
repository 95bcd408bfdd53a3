import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { Extension, onAuthenticatePayload } from "@hocuspocus/server";
import type WebSocket from "ws";

/** The largest frame anyone may send (ws maxPayload): a long message pasted whole fits many times over. */
export const MAX_FRAME_BYTES = 2 * 1024 * 1024;
/**
 * What a socket may send before one of its documents is authenticated: a
 * token, a sync step 1, presence and the odd keystroke are a few kilobytes.
 */
export const UNAUTHENTICATED_BYTES = 64 * 1024;

/**
 * Until one of its documents is authenticated, a socket has a small budget
 * of bytes in total — Hocuspocus queues its messages meanwhile, and ws would
 * buffer a frame up to maxPayload — and past it the socket is closed with
 * 1009. Counted on the TCP socket as bytes arrive, before ws assembles a frame.
 */
export function unauthenticatedBudget(budget = UNAUTHENTICATED_BYTES) {
  const authenticated = new WeakSet<Socket>();
  return {
    /** For the ws server's "connection" event. */
    watch(webSocket: WebSocket, request: IncomingMessage) {
      const socket = request.socket;
      let received = 0;
      const count = (chunk: Buffer) => {
        if (authenticated.has(socket)) {
          socket.off("data", count);
          return;
        }
        received += chunk.length;
        if (received <= budget) return;
        socket.off("data", count);
        webSocket.close(1009, "Too much data before authentication");
        // Not waiting long for the closing handshake of a client that misbehaves.
        setTimeout(() => webSocket.terminate(), 1000).unref();
      };
      socket.on("data", count);
    },
    /** Placed after authentication(): Hocuspocus runs it only when every earlier onAuthenticate passed. */
    extension: {
      async onAuthenticate({ request }: onAuthenticatePayload) {
        authenticated.add(request.socket);
      },
    } satisfies Extension,
  };
}
