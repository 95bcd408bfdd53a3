import type { Database } from "@conductor/db";
import { Redis } from "@hocuspocus/extension-redis";
import { type Extension, Server } from "@hocuspocus/server";
import { accessSignals } from "./access-signals";
import { authentication } from "./authentication";
import { commentAnchors } from "./comment-anchors";
import { documentActions } from "./document-actions";
import { persistence } from "./persistence";
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

/** A configured Hocuspocus server: authentication first, then sharing, then persistence. */
export function createCollabServer(options: CollabServerOptions) {
  return new Server({
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
      authentication(options.db, options.secret),
      accessSignals({
        db: options.db,
        secret: options.secret,
        redisUrl: options.redisUrl,
        channel: `${options.redisPrefix ?? "conductor"}:access-changed`,
      }),
      ...(options.redisUrl ? [redisExtension(options.redisUrl, options.redisPrefix)] : []),
      documentActions(options.db),
      commentAnchors(options.db),
      updateLog(options.db),
      persistence(options.db),
    ],
  });
}
