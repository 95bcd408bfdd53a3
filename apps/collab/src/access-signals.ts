import type { IncomingMessage } from "node:http";
import {
  ACCESS_CHANGED_PATH,
  AppError,
  currentCollabAccess,
  REVIEW_CHANGED_PATH,
  type ReviewStateChange,
  verifyAccessChange,
  verifyReviewChange,
} from "@conductor/core";
import type { Database } from "@conductor/db";
import { acceptRequestId, log, REQUEST_ID_HEADER, withRequestId } from "@conductor/ops";
import type { Extension, Hocuspocus, onRequestPayload } from "@hocuspocus/server";
import IORedis from "ioredis";
import type { EditRights } from "./edit-rights";

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

/** One signal the web app sends: where it arrives, how it is read, what it changes here. */
interface Signal<T> {
  path: string;
  channel: string;
  verify(body: string, signature: string): T;
  /** What goes over Redis to every instance, and back. */
  encode(change: T): string;
  decode(message: string): T;
  apply(change: T): Promise<unknown>;
  describe(change: T): Record<string, unknown>;
}

/**
 * Receives signals from the web app over HTTP, signed with the collab key:
 * an access change (someone's membership changed or ended) and a review
 * state change (a review opened or closed, or an organisation's review
 * settings changed). With Redis, the instance that receives one publishes
 * it so every instance acts on its own connections; alone, it acts directly.
 */
export function accessSignals(options: {
  db: Database;
  secret: string;
  redisUrl?: string;
  /** Redis channel the instances share access changes on. */
  channel: string;
  /** Redis channel the instances share review state changes on. */
  reviewChannel: string;
  /** Who may edit directly, remembered per connection: forgotten on either signal. */
  rights: EditRights;
}): Extension {
  let instance: Hocuspocus | undefined;
  let pub: IORedis | undefined;
  let sub: IORedis | undefined;
  const { rights } = options;

  const access: Signal<{ userId: string }> = {
    path: ACCESS_CHANGED_PATH,
    channel: options.channel,
    verify: (body, signature) => verifyAccessChange(body, signature, options.secret),
    encode: (change) => change.userId,
    decode: (userId) => ({ userId }),
    apply: ({ userId }) => {
      // Their roles may have changed, and with them editing during a review.
      rights.forgetUser(userId);
      return instance ? recheckConnections(instance, options.db, userId) : Promise.resolve(0);
    },
    describe: ({ userId }) => ({ userId }),
  };
  const review: Signal<ReviewStateChange> = {
    path: REVIEW_CHANGED_PATH,
    channel: options.reviewChannel,
    verify: (body, signature) => verifyReviewChange(body, signature, options.secret),
    encode: (change) => JSON.stringify(change),
    decode: (message) => JSON.parse(message) as ReviewStateChange,
    apply: async ({ communicationId }) => {
      if (communicationId) rights.forgetDocument(communicationId);
      else rights.forgetEverything();
    },
    describe: (change) => ({ ...change }),
  };
  const signals = [access, review] as Signal<unknown>[];

  return {
    async onConfigure({ instance: configured }) {
      instance = configured;
      if (!options.redisUrl) return;
      pub = new IORedis(options.redisUrl, { lazyConnect: false });
      sub = new IORedis(options.redisUrl);
      await sub.subscribe(...signals.map((signal) => signal.channel));
      sub.on("message", (channel: string, message: string) => {
        const signal = signals.find((s) => s.channel === channel);
        if (!signal) return;
        try {
          void signal.apply(signal.decode(message));
        } catch (error) {
          log("collab").error({ channel, err: error }, "unreadable signal from Redis");
        }
      });
    },

    async onRequest({ request, response }: onRequestPayload) {
      const path = new URL(request.url ?? "/", "http://collab").pathname;
      const signal = signals.find((s) => s.path === path);
      if (!signal) return;
      const reply = (status: number, message: string) => {
        response.writeHead(status, { "Content-Type": "application/json" });
        response.end(JSON.stringify({ message }));
        // Stops Hocuspocus' default reply.
        throw null;
      };
      if (request.method !== "POST") reply(405, "POST a signed change");
      let status = 202;
      let message = "rechecking";
      // The web request that made the change, so both processes' lines join up.
      const requestId = acceptRequestId(request.headers[REQUEST_ID_HEADER]);
      let described: Record<string, unknown> = {};
      try {
        const change = signal.verify(
          await readBody(request),
          String(request.headers["x-conductor-signature"] ?? ""),
        );
        described = signal.describe(change);
        // Alone, applied before the answer: the web request that made the
        // change returns only once this process acts on it.
        if (pub) await pub.publish(signal.channel, signal.encode(change));
        else await signal.apply(change);
      } catch (error) {
        status = error instanceof AppError && error.code === "UNAUTHENTICATED" ? 401 : 400;
        message =
          error instanceof AppError ? error.message : "Change refused: the body must be JSON";
      }
      withRequestId(requestId, () =>
        log("collab").info(
          { status, path, ...described, shared: Boolean(pub) },
          path === ACCESS_CHANGED_PATH ? "access change" : "review change",
        ),
      );
      reply(status, message);
    },

    async onDestroy() {
      await Promise.all([pub?.quit(), sub?.quit()]);
    },
  };
}
