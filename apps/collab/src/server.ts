import type { Database } from "@conductor/db";
import { Server } from "@hocuspocus/server";
import { authentication } from "./authentication";
import { persistence } from "./persistence";

export interface CollabServerOptions {
  db: Database;
  /** The key the API signs collaboration tokens with. */
  secret: string;
  port: number;
  address?: string;
  /** Milliseconds of quiet before a document is stored (Hocuspocus debounce). */
  debounce?: number;
  maxDebounce?: number;
}

/** A configured Hocuspocus server: authentication first, then persistence. */
export function createCollabServer(options: CollabServerOptions) {
  return new Server({
    name: "conductor-collab",
    port: options.port,
    address: options.address ?? "127.0.0.1",
    quiet: true,
    stopOnSignals: false,
    // Stored within 1.5 s of an edit even while typing continues, so an edit
    // every client had 2 s before a crash is on disk (the SIGKILL test).
    debounce: options.debounce ?? 400,
    maxDebounce: options.maxDebounce ?? 1500,
    extensions: [authentication(options.db, options.secret), persistence(options.db)],
  });
}
