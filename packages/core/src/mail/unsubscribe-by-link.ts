import type { Database } from "@conductor/db";
import type { NotificationKind } from "@conductor/db/enums";
import { AppError } from "../errors";
import { deliveryByKind, writePreference } from "./preferences";
import { readUnsubscribeToken } from "./unsubscribe-token";

/**
 * One-click unsubscribe (no sign-in: the signed link is the proof): turns
 * the link's kind off for its person in its organisation, or, for a digest's
 * link, every kind they get as a digest. A tampered or expired link, or one
 * for a person no longer in the organisation, changes nothing.
 */
export async function unsubscribeByLink(db: Database, token: string, authSecret: string) {
  const claim = readUnsubscribeToken(token, authSecret);
  const membership = await db.membership.findFirst({
    where: { organizationId: claim.organizationId, userId: claim.userId },
    select: { organization: { select: { name: true } } },
  });
  if (!membership)
    throw new AppError("NOT_FOUND", "This unsubscribe link is for someone no longer a member");
  const kinds: NotificationKind[] =
    claim.kind === "DIGEST"
      ? Object.entries(await deliveryByKind(db, claim.organizationId, claim.userId)).flatMap(
          ([kind, delivery]) => (delivery === "DAILY_DIGEST" ? [kind as NotificationKind] : []),
        )
      : [claim.kind];
  await db.$transaction(async (tx) => {
    for (const kind of kinds)
      await writePreference(tx, {
        organizationId: claim.organizationId,
        userId: claim.userId,
        kind,
        delivery: "OFF",
        via: "unsubscribe-link",
      });
  });
  return { organizationName: membership.organization.name, kinds, claim: claim.kind };
}
