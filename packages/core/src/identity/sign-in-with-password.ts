import { type Database, verifyPassword } from "@conductor/db";
import { AppError } from "../errors";

/** Failed attempts allowed in the window, per email and per network address. */
export const signInLimits = { windowMinutes: 15, perEmail: 5, perAddress: 30 };

// A fixed hash to verify against when the email is unknown, so a wrong email
// and a wrong password take the same time.
const decoyHash =
  "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

export interface SignInAttempt {
  email: string;
  password: string;
  /** The caller's network address, for the per-address limit. */
  address: string;
  now?: Date;
}

/**
 * Checks an email and password. Returns the user on success and null on a
 * wrong email or password; throws RATE_LIMITED after too many failures.
 * Every attempt is recorded in the database, so the limit holds across
 * server processes.
 */
export async function signInWithPassword(db: Database, attempt: SignInAttempt) {
  const email = attempt.email.trim().toLowerCase();
  const now = attempt.now ?? new Date();
  const since = new Date(now.getTime() - signInLimits.windowMinutes * 60_000);
  const [emailFailures, addressFailures] = await Promise.all([
    db.loginAttempt.count({ where: { email, succeeded: false, createdAt: { gte: since } } }),
    db.loginAttempt.count({
      where: { ip: attempt.address, succeeded: false, createdAt: { gte: since } },
    }),
  ]);
  if (emailFailures >= signInLimits.perEmail || addressFailures >= signInLimits.perAddress) {
    throw new AppError(
      "RATE_LIMITED",
      `Too many failed sign-in attempts. Try again in ${signInLimits.windowMinutes} minutes.`,
    );
  }
  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(attempt.password, user?.passwordHash ?? decoyHash);
  const succeeded = Boolean(user?.passwordHash) && valid;
  await db.loginAttempt.create({ data: { email, ip: attempt.address, succeeded, createdAt: now } });
  return succeeded && user ? { id: user.id, email: user.email, name: user.name } : null;
}
