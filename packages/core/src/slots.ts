import { AppError } from "./errors";

type Waiter = { admit: () => void };

/**
 * Slots per holder (a person, a token), counted in this process. `take`
 * refuses a holder with `limit` in progress at once with RATE_LIMITED, so a
 * burst from one never holds anything while it waits. `takeOrWait` lets a
 * few more wait their turn in a short line (a page opened twice in quick
 * succession is a person, not an attack) and refuses the rest at once.
 */
export class SlotsPerHolder {
  private readonly held = new Map<string, number>();
  private readonly lines = new Map<string, Waiter[]>();

  /** Takes one of the holder's slots, or refuses with `refusal`; call the returned release once. */
  take(holder: string, limit: number, refusal: string): () => void {
    const count = this.held.get(holder) ?? 0;
    if (count >= limit) throw new AppError("RATE_LIMITED", refusal);
    this.held.set(holder, count + 1);
    return this.releaser(holder);
  }

  /**
   * Takes a slot, or waits for one behind at most `waiting` others of the
   * same holder for at most `patienceMs`; refuses with `refusal` when the
   * line is full or the wait runs out. A freed slot passes straight to the
   * first in line, so waiting never lets the holder exceed `limit`.
   */
  async takeOrWait(
    holder: string,
    limit: number,
    line: { waiting: number; patienceMs: number },
    refusal: string,
  ): Promise<() => void> {
    const count = this.held.get(holder) ?? 0;
    if (count < limit) return this.take(holder, limit, refusal);
    const waiters = this.lines.get(holder) ?? [];
    if (waiters.length >= line.waiting) throw new AppError("RATE_LIMITED", refusal);
    this.lines.set(holder, waiters);
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        this.leaveLine(holder, waiter);
        reject(new AppError("RATE_LIMITED", refusal));
      }, line.patienceMs);
      waiters.push(waiter);
    });
    // The releasing holder's slot was handed over, not freed: the count stands.
    return this.releaser(holder);
  }

  private releaser(holder: string): () => void {
    let released = false;
    return () => {
      // A second call must not free someone else's slot.
      if (released) return;
      released = true;
      const next = this.lines.get(holder)?.shift();
      if (next) {
        if (this.lines.get(holder)?.length === 0) this.lines.delete(holder);
        next.admit();
        return;
      }
      const left = (this.held.get(holder) ?? 1) - 1;
      if (left > 0) this.held.set(holder, left);
      else this.held.delete(holder);
    };
  }

  private leaveLine(holder: string, waiter: Waiter) {
    const waiters = this.lines.get(holder);
    if (!waiters) return;
    const at = waiters.indexOf(waiter);
    if (at >= 0) waiters.splice(at, 1);
    if (waiters.length === 0) this.lines.delete(holder);
  }
}
