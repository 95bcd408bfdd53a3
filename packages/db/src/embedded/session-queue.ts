import type { PGlite } from "@electric-sql/pglite";

// PGlite is one PostgreSQL session. pglite-socket 0.2.17 queues each client
// message on its own and only keeps a client's messages together inside a
// transaction, so another client's Parse can land between this client's
// Parse and its Bind/Execute/Sync — or a transaction can start there — and
// the unnamed statement or portal is overwritten ("portal does not exist",
// or a hang). Found by the collab load bench; reproduced in server.test.ts.
// This queue keeps a client's messages together from the first
// extended-protocol message to its Sync, and for a whole transaction.

/** Parse, Bind, Describe, Execute, Close, Flush: an exchange that ends at Sync. */
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

interface Item {
  handlerId: number;
  message: Uint8Array;
  onData(data: Uint8Array): void;
  resolve(bytes: number): void;
  reject(error: unknown): void;
}

export class SessionQueue {
  private queue: Item[] = [];
  private processing = false;
  /** The client whose exchange or transaction is open; only its messages run. */
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void) {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.process();
    });
  }

  private async process() {
    if (this.processing) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const index =
          this.owner === null ? 0 : this.queue.findIndex((i) => i.handlerId === this.owner);
        if (index === -1) break; // the owner's next message has not arrived yet
        const item = this.queue.splice(index, 1)[0]!;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (error) {
          this.owner = null;
          item.reject(error);
          continue;
        }
        // Sync (or a simple Query) ends an exchange; outside a transaction the session is free.
        this.owner =
          this.db.isInTransaction() || EXTENDED.has(item.message[0]!) ? item.handlerId : null;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }

  getQueueLength() {
    return this.queue.length;
  }

  /** A client went away: drop its messages, and free the session if it held it. */
  clearQueueForHandler(handlerId: number) {
    this.queue = this.queue.filter((item) => {
      if (item.handlerId !== handlerId) return true;
      item.reject(new Error("Handler disconnected"));
      return false;
    });
  }

  async clearTransactionIfNeeded(handlerId: number) {
    if (this.owner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    this.owner = null;
    await this.process();
  }
}
