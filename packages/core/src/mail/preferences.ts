import type { Prisma } from "@conductor/db";
import type { MailDelivery, NotificationKind } from "@conductor/db/enums";
import { NotificationKind as Kinds } from "@conductor/db/enums";
import { appendAuditEvent } from "../audit/audit";

/** Every kind a person can choose for, in the order Settings lists them. */
export const preferenceKinds = Object.values(Kinds) as NotificationKind[];

/** No row: mail at once, so nobody misses a review by not visiting Settings. */
export const DEFAULT_DELIVERY: MailDelivery = "IMMEDIATELY";

/** One person's choice per kind in one organisation, defaults filled in. */
export async function deliveryByKind(
  db: Pick<Prisma.TransactionClient, "notificationPreference">,
  organizationId: string,
  userId: string,
): Promise<Record<NotificationKind, MailDelivery>> {
  const rows = await db.notificationPreference.findMany({ where: { organizationId, userId } });
  const chosen = new Map(rows.map((r) => [r.kind, r.delivery]));
  return Object.fromEntries(
    preferenceKinds.map((kind) => [kind, chosen.get(kind) ?? DEFAULT_DELIVERY]),
  ) as Record<NotificationKind, MailDelivery>;
}

/** Writes one choice and its audit entry; nothing is written when it does not change. */
export async function writePreference(
  tx: Prisma.TransactionClient,
  input: {
    organizationId: string;
    userId: string;
    kind: NotificationKind;
    delivery: MailDelivery;
    via: "settings" | "unsubscribe-link";
  },
) {
  const key = { organizationId: input.organizationId, userId: input.userId, kind: input.kind };
  const before =
    (await tx.notificationPreference.findUnique({ where: { organizationId_userId_kind: key } }))
      ?.delivery ?? DEFAULT_DELIVERY;
  if (before === input.delivery) return { changed: false, delivery: before };
  await tx.notificationPreference.upsert({
    where: { organizationId_userId_kind: key },
    create: { ...key, delivery: input.delivery },
    update: { delivery: input.delivery },
  });
  await appendAuditEvent(tx, {
    organizationId: input.organizationId,
    kind: "NOTIFICATION_PREFERENCE_CHANGED",
    actorId: input.userId,
    payload: {
      userId: input.userId,
      kind: input.kind,
      from: before,
      to: input.delivery,
      via: input.via,
    },
  });
  return { changed: true, delivery: input.delivery };
}
