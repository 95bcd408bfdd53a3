import { type Database, hashPassword } from "@conductor/db";
import type { z } from "zod";
import { AppError } from "../errors";
import type { joinWithNewAccountSchema } from "../schemas";
import { joinByInvitation } from "./join";
import { usableInvitation } from "./token";

/**
 * Someone with no account yet opens their invitation link and chooses their
 * own name and password: no admin ever knows it. An address that already
 * has an account is told to sign in instead; its password and name are never
 * touched from here.
 */
export async function joinWithNewAccount(
  db: Database,
  input: z.output<typeof joinWithNewAccountSchema>,
  now = new Date(),
) {
  const invitation = await usableInvitation(db, input.token, now);
  const passwordHash = await hashPassword(input.password);
  const taken = new AppError(
    "CONFLICT",
    "There is already a Conductor account for this email address. Sign in to accept the invitation.",
    undefined,
    "ACCOUNT_EXISTS",
  );
  if (await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } }))
    throw taken;
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: invitation.email, name: input.name, passwordHash },
      });
      await joinByInvitation(tx, invitation, user.id, now);
      return { userId: user.id, email: user.email, organizationName: invitation.organization.name };
    });
  } catch (error) {
    // Two tabs racing to set up the same address: the unique email decides.
    if ((error as { code?: string }).code === "P2002") throw taken;
    throw error;
  }
}
