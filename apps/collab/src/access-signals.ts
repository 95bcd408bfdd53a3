import type { IncomingMessage } from "node:http";
import {
  ACCESS_CHANGED_PATH,
  AppError,
  currentCollabAccess,
  verifyAccessChange,
} from "@conductor/core";
import type { Database } from "@conductor/db";
import { acceptRequestId, log, REQUEST_ID_HEADER, withRequestId } from "@conductor/ops";
import type { Extension, Hocuspocus, onRequestPayload } from "@hocuspocus/server";
import IORedis from "ioredis";

/** Why a connection was closed, as the browser shows it. */
export const ACCESS_REVOKED_REASON = "access-changed";

/**
 * Closes the connections of someone whose access was taken away: removed from
 * the organisation → closed; lost edit rights → closed, so the client asks for
 * a new (read-only) token. Rights that stayed or grew leave connections alone.
 */
export async function recheckConnections(instance: Hocuspocus, db: Database, userId: string) {
  let closed = 0;
  for (const document of instance.documents.values()) {
    for (const connection of document.getConnections()) {
      const user = (connection.context as { user?: { userId: string } }).user;
      if (user?.userId !== userId) continue;
      const now = await currentCollabAccess(db, userId, document.name);
      if (!now || (now.access === "read" && !connection.readOnly)) {
        connection.close({ code: 4403, reason: ACCESS_REVOKED_REASON });
        closed++;
      }
    }
  }
  return closed;
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => {
      body += chunk;
      if (body.length > 10_000) reject(new Error("body too large"));
    });
    request.on("end", () => resolve(body));
    request.on("error", reject);
  });

/**
 * Receives access changes from the web app over HTTP. With Redis, the
 * instance that receives one publishes it so every instance rechecks its own
 * connections; alone, it rechecks directly.
 */
export function accessSignals(options: {
  db: Database;
  secret: string;
  redisUrl?: string;
  /** Redis channel the instances share access changes on. */
  channel: string;
}): Extension {
  let instance: Hocuspocus | undefined;
  let pub: IORedis | undefined;
  let sub: IORedis | undefined;
  const recheck = (userId: string) =>
    instance ? recheckConnections(instance, options.db, userId) : Promise.resolve(0);

  return {
    async onConfigure({ instance: configured }) {
      instance = configured;
      if (!options.redisUrl) return;
      pub = new IORedis(options.redisUrl, { lazyConnect: false });
      sub = new IORedis(options.redisUrl);
      await sub.subscribe(options.channel);
      sub.on("message", (_channel, userId: string) => {
        void recheck(userId);
      });
    },

    async onRequest({ request, response }: onRequestPayload) {
      const path = new URL(request.url ?? "/", "http://collab").pathname;
      if (path !== ACCESS_CHANGED_PATH) return;
      const reply = (status: number, message: string) => {
        response.writeHead(status, { "Content-Type": "application/json" });
        response.end(JSON.stringify({ message }));
        // Stops Hocuspocus' default reply.
        throw null;
      };
      if (request.method !== "POST") reply(405, "POST a signed access change");
      let status = 202;
      let message = "rechecking";
      // The web request that changed the access, so both processes' lines join up.
      const requestId = acceptRequestId(request.headers[REQUEST_ID_HEADER]);
      let userId: string | undefined;
      try {
        const change = verifyAccessChange(
          await readBody(request),
          String(request.headers["x-conductor-signature"] ?? ""),
          options.secret,
        );
        userId = change.userId;
        if (pub) await pub.publish(options.channel, change.userId);
        else await recheck(change.userId);
      } catch (error) {
        status = error instanceof AppError && error.code === "UNAUTHENTICATED" ? 401 : 400;
        message =
          error instanceof AppError
            ? error.message
            : "Access change refused: the body must be JSON";
      }
      withRequestId(requestId, () =>
        log("collab").info({ status, userId, shared: Boolean(pub) }, "access change"),
      );
      reply(status, message);
    },

    async onDestroy() {
      await Promise.all([pub?.quit(), sub?.quit()]);
    },
  };
}
