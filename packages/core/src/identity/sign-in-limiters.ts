import type { Database } from "@conductor/db";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";

/**
 * How sign-in slows guessing without letting a stranger lock anyone out:
 * - one address guessing one email: a few free tries, then each further
 *   failure doubles the wait before the next try from there;
 * - one address guessing many emails: refused for a while after many
 *   failures (it is someone's spray, not their own forgotten password);
 * - one email guessed from many addresses: every try for it is slowed a
 *   little, never refused, and not at all from an address it has signed in
 *   from before, so the right password always gets in.
 */
export const signInLimits = {
  freeFailuresPerAddressAndEmail: 3,
  maxWaitSeconds: 15 * 60,
  failuresPerAddressPerHour: 100,
  addressBlockMinutes: 15,
  failuresPerEmailBeforeSlowing: 10,
  emailWindowMinutes: 15,
  slowdownMs: 1000,
  maxSlowdownMs: 5000,
};
export type SignInLimits = typeof signInLimits;

const YEAR = 365 * 86_400;

function limitersFor(db: Database, limits: SignInLimits) {
  // One table (SignInThrottle) shared by every web process; keys are prefixed.
  const store = (
    keyPrefix: string,
    options: { points: number; duration: number; blockDuration?: number },
  ) =>
    new RateLimiterPrisma({ storeClient: db, tableName: "signInThrottle", keyPrefix, ...options });
  return {
    /** Consecutive failures of one (email, address); cleared by a success. */
    pairFailures: store("pair", { points: 1_000_000, duration: 86_400 }),
    /** The wait those failures earned, set with block(). */
    pairWait: store("pair-wait", { points: 1, duration: limits.maxWaitSeconds }),
    addressFailures: store("address", {
      points: limits.failuresPerAddressPerHour,
      duration: 3600,
      blockDuration: limits.addressBlockMinutes * 60,
    }),
    emailFailures: store("email", { points: 1_000_000, duration: limits.emailWindowMinutes * 60 }),
    /** (email, address) pairs that have signed in: never slowed by others' failures. */
    knownGood: store("known", { points: 1_000_000, duration: YEAR }),
  };
}
export type SignInLimiters = ReturnType<typeof limitersFor>;

const cache = new WeakMap<object, Map<SignInLimits, SignInLimiters>>();

export function signInLimiters(db: Database, limits: SignInLimits = signInLimits): SignInLimiters {
  const byLimits = cache.get(db) ?? new Map<SignInLimits, SignInLimiters>();
  cache.set(db, byLimits);
  const limiters = byLimits.get(limits) ?? limitersFor(db, limits);
  byLimits.set(limits, limiters);
  return limiters;
}

/** rate-limiter-flexible rejects with a RateLimiterRes when over the limit; that is an answer, not a fault. */
export async function overLimitIsFine(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
  }
}
