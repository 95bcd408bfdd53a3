import type { Channel } from "@conductor/db/enums";

/** Days after a send whose calls count towards the message, when the organisation has not said. */
export const defaultAttributionDays: Record<Channel, number> = {
  EMAIL: 7,
  SMS: 3,
  LETTER: 14,
  EBILL: 10,
  PUSH: 2,
  IN_APP: 3,
};

/** The attribution window per channel: the organisation's choices over the defaults. */
export function attributionWindows(stored: unknown): Record<Channel, number> {
  const chosen = (stored ?? {}) as Partial<Record<Channel, number>>;
  const out = { ...defaultAttributionDays };
  for (const channel of Object.keys(out) as Channel[]) {
    const days = chosen[channel];
    if (typeof days === "number" && Number.isInteger(days) && days >= 1 && days <= 60)
      out[channel] = days;
  }
  return out;
}
