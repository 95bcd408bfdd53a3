import type { Database } from "@conductor/db";
import { Redis } from "@hocuspocus/extension-redis";
import { type Extension, type Hocuspocus, Server } from "@hocuspocus/server";
import { accessSignals } from "./access-signals";
import { authentication } from "./authentication";
import { commentAnchors } from "./comment-anchors";
import { documentActions } from "./document-actions";
import { editRights } from "./edit-rights";
import { MAX_FRAME_BYTES, unauthenticatedBudget } from "./frame-limits";
import { operations } from "./operations";
import { persistence } from "./persistence";
import { presenceFromToken } from "./presence";
import { suggestionDecisions } from "./suggestion-decisions";
import { suggestionGuard } from "./suggestion-guard";
import { updateLog } from "./update-log";

export interface CollabServerOptions {
  db: Database;
  /** The key the API signs collaboration tokens and access changes with. */
  secret: string;
  port: number;
  address?: string;
  /** Milliseconds of quiet before a document is stored (Hocuspocus debounce). */
  debounce?: number;
  maxDebounce?: number;
  /** Share documents with other collab processes through this Redis. */
  redisUrl?: string;
  /** Namespace for Redis keys and channels (default "conductor"). */
  redisPrefix?: string;
}

function redisExtension(url: string, prefix: string | undefined): Extension {
  const parsed = new URL(url);
  return new Redis({
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    options: {
      ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
      ...(parsed.pathname.length > 1 ? { db: Number(parsed.pathname.slice(1)) } : {}),
    },
    ...(prefix ? { prefix } : {}),
  });
}

/**
 * Hocuspocus hands its `address` to Node's listen, which reads `host`, so
 * it listened on every interface; this listens where it was told.
 */
class BoundServer extends Server {
  override listen(): Promise<Hocuspocus> {
    const { port, address: host } = this.configuration;
    return new Promise((resolve, reject) => {
      this.httpServer.once("error", reject);
      this.httpServer.listen({ port, host }, async () => {
        this.httpServer.off("error", reject);
        try {
          await this.hocuspocus.hooks("onListen", {
            instance: this.hocuspocus,
            configuration: this.configuration,
            port: this.address.port,
          });
          resolve(this.hocuspocus);
        } catch (error) {
          reject(error);
        }
      });
    });
  }
}

/** A configured Hocuspocus server: authentication first, then sharing, then persistence. */
export function createCollabServer(options: CollabServerOptions) {
  const budget = unauthenticatedBudget();
  const rights = editRights(options.db);
  const prefix = options.redisPrefix ?? "conductor";
  const server = new BoundServer(
    {
      name: "conductor-collab",
      port: options.port,
      address: options.address ?? "127.0.0.1",
      quiet: true,
      stopOnSignals: false,
      // Edits are durable once acknowledged (update-log.ts); the debounced
      // store folds them into the document and updates the message text.
      debounce: options.debounce ?? 400,
      maxDebounce: options.maxDebounce ?? 1500,
      extensions: [
        operations({ db: options.db, redisUrl: options.redisUrl }),
        authentication(options.db, options.secret),
        budget.extension,
        accessSignals({
          db: options.db,
          secret: options.secret,
          redisUrl: options.redisUrl,
          channel: `${prefix}:access-changed`,
          reviewChannel: `${prefix}:review-changed`,
          rights,
        }),
        ...(options.redisUrl ? [redisExtension(options.redisUrl, options.redisPrefix)] : []),
        documentActions(options.db),
        commentAnchors(options.db),
        suggestionDecisions(options.db),
        updateLog(options.db, suggestionGuard(options.db, rights)),
        presenceFromToken(),
        persistence(options.db),
      ],
    },
    { maxPayload: MAX_FRAME_BYTES },
  );
  server.webSocketServer.on("connection", budget.watch);
  return server;
}
