import { createHash, randomBytes } from "node:crypto";
import type { Database } from "@conductor/db";
import { AppError } from "../errors";

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

export const invitationTokenHash = (token: string) =>
  createHash("sha256").update(token).digest("hex");

/** A fresh link secret and the hash the database keeps of it. */
export function newInvitationToken() {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: invitationTokenHash(token) };
}

// One message for every link that cannot be used, so a link reveals nothing
// beyond "not usable" (not whether it ever existed, nor why).
const unusable = () =>
  new AppError(
    "NOT_FOUND",
    "This invitation link has expired, was already used or was withdrawn. Ask for a new one.",
    undefined,
    "INVITATION_UNUSABLE",
  );

/** The invitation behind a link, if it can still be accepted. */
export async function usableInvitation(db: Database, token: string, now = new Date()) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: invitationTokenHash(token) },
    include: { organization: { select: { id: true, name: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now)
    throw unusable();
  return invitation;
}

/**
 * Marks the invitation used inside the joining transaction; a second
 * acceptance racing this one finds it already taken and fails.
 */
export async function claimInvitation(
  tx: Pick<Database, "invitation">,
  invitationId: string,
  userId: string,
  now: Date,
) {
  const claimed = await tx.invitation.updateMany({
    where: { id: invitationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now, acceptedById: userId },
  });
  if (claimed.count !== 1) throw unusable();
}
