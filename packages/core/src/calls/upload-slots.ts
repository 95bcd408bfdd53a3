import { SlotsPerHolder } from "../slots";

/**
 * How much of the server imports may take, so the people using it
 * interactively always get through: each uploader (a person, or a feed
 * token) has a few uploads in progress at a time, and the whole process
 * runs a few import transactions at a time, leaving the rest of the
 * database pool to everyone else. Counted per process, as the pool is.
 */

/** Uploads one person or token may have in progress at once. */
export const UPLOADS_PER_UPLOADER = 2;
/** Import transactions one process runs at once (its pool holds 20 connections). */
export const IMPORT_TRANSACTIONS = 4;

const uploads = new SlotsPerHolder();

/**
 * Takes one of the uploader's slots, or refuses with RATE_LIMITED. Call the
 * returned function exactly once when the upload is over.
 */
export const takeUploadSlot = (uploader: string, limit = UPLOADS_PER_UPLOADER): (() => void) =>
  uploads.take(
    uploader,
    limit,
    `You already have ${limit} uploads in progress. Wait for one of them to finish, then send this file again.`,
  );

/** At most `size` holders at once; the others wait in order, holding nothing else. */
export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(readonly size: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next in line, so none can jump the queue.
      if (next) next();
      else this.running--;
    }
  }

  get inUse() {
    return this.running;
  }
}

export const importTransactions = new Semaphore(IMPORT_TRANSACTIONS);
