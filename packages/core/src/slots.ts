import { AppError } from "./errors";

/**
 * Slots per holder (a person, a token), counted in this process: a holder
 * with `limit` in progress is refused at once with RATE_LIMITED, so a burst
 * from one never queues behind itself or holds anything while it waits.
 */
export class SlotsPerHolder {
  private readonly held = new Map<string, number>();

  /** Takes one of the holder's slots, or refuses with `refusal`; call the returned release once. */
  take(holder: string, limit: number, refusal: string): () => void {
    const count = this.held.get(holder) ?? 0;
    if (count >= limit) throw new AppError("RATE_LIMITED", refusal);
    this.held.set(holder, count + 1);
    let released = false;
    return () => {
      // A second call must not free someone else's slot.
      if (released) return;
      released = true;
      const left = (this.held.get(holder) ?? 1) - 1;
      if (left > 0) this.held.set(holder, left);
      else this.held.delete(holder);
    };
  }
}
