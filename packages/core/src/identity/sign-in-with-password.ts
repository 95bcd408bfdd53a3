import { type Database, verifyPassword } from "@conductor/db";
import { AppError } from "../errors";
import {
  overLimitIsFine,
  type SignInLimits,
  signInLimiters,
  signInLimits,
} from "./sign-in-limiters";

export { type SignInLimits, signInLimits } from "./sign-in-limiters";

// A fixed hash to verify against when the email is unknown, so a wrong email
// and a wrong password take the same time.
const decoyHash =
  "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

export interface SignInAttempt {
  email: string;
  password: string;
  /**
   * The client's network address as this server knows it (the socket's, or
   * a configured proxy's report of it); null when unknown, which is never
   * lumped together with other unknown clients.
   */
  address: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/**
 * Checks an email and password. Returns the user on success and null on a
 * wrong email or password; throws RATE_LIMITED when this address must wait
 * (see signInLimits for what is counted where).
 */
export async function signInWithPassword(
  db: Database,
  attempt: SignInAttempt,
  limits: SignInLimits = signInLimits,
) {
  const email = attempt.email.trim().toLowerCase();
  const address = attempt.address?.trim() || null;
  const limiters = signInLimiters(db, limits);
  const pair = `${email}|${address ?? "?"}`;

  const [addressState, waitState, emailState, known] = await Promise.all([
    address ? limiters.addressFailures.get(address) : null,
    address ? limiters.pairWait.get(pair) : null,
    limiters.emailFailures.get(email),
    address ? limiters.knownGood.get(pair) : null,
  ]);
  if (addressState && addressState.consumedPoints > limits.failuresPerAddressPerHour) {
    throw new AppError(
      "RATE_LIMITED",
      `Too many failed sign-ins from your network. Try again in ${minutes(addressState.msBeforeNext)} minutes.`,
    );
  }
  if (waitState && waitState.consumedPoints > 1 && waitState.msBeforeNext > 0) {
    const seconds = Math.ceil(waitState.msBeforeNext / 1000);
    throw new AppError(
      "RATE_LIMITED",
      seconds > 90
        ? `Too many wrong passwords. Try again in ${minutes(waitState.msBeforeNext)} minutes.`
        : `Too many wrong passwords. Try again in ${seconds} seconds.`,
    );
  }
  const emailFailures = emailState?.consumedPoints ?? 0;
  if (emailFailures >= limits.failuresPerEmailBeforeSlowing && !known) {
    const over = emailFailures - limits.failuresPerEmailBeforeSlowing + 1;
    await sleep(Math.min(limits.slowdownMs * over, limits.maxSlowdownMs));
  }

  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(attempt.password, user?.passwordHash ?? decoyHash);
  const succeeded = Boolean(user?.passwordHash) && valid;

  if (succeeded && user) {
    if (address) {
      await Promise.all([
        limiters.pairFailures.delete(pair),
        limiters.pairWait.delete(pair),
        limiters.knownGood.penalty(pair, 1),
      ]);
    }
    return { id: user.id, email: user.email, name: user.name };
  }
  await limiters.emailFailures.penalty(email, 1);
  if (address) {
    const { consumedPoints } = await limiters.pairFailures.penalty(pair, 1);
    const beyond = consumedPoints - limits.freeFailuresPerAddressAndEmail;
    if (beyond >= 0)
      await limiters.pairWait.block(pair, Math.min(2 ** beyond, limits.maxWaitSeconds));
    await overLimitIsFine(limiters.addressFailures.consume(address, 1));
  }
  return null;
}
