import { randomUUID } from "node:crypto";
import type { Database } from "@conductor/db";
import type { MailConfig } from "./config";
import { placeLink, preferencesLink, unsubscribeFor } from "./links";
import { renderMail } from "./templates";

/** The hour and calendar day at `now` in a time zone (an unknown zone reads as UTC). */
export function localClock(now: Date, timeZone: string) {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      hourCycle: "h23",
    }).formatToParts(now);
  } catch {
    return localClock(now, "UTC");
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { hour: Number(part("hour")), day: `${part("year")}-${part("month")}-${part("day")}` };
}

/** Map.groupBy, which Node 20 lacks: insertion order kept. */
function groupBy<T>(items: T[], key: (item: T) => string) {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

const kindWords: Record<string, string> = {
  MENTION: "mentioned you",
  REVIEW_WAITING: "is waiting on your review",
  CHANGES_REQUESTED: "changes requested",
  REVIEW_APPROVED: "approved",
  RELEASED: "released",
  DUE_SOON: "review due soon",
  OVERDUE: "review overdue",
  SUGGESTION_REJECTED: "did not accept your suggestion",
};

/**
 * Daily digests: in each organisation whose digest hour it is now (in its
 * own time zone), one mail per person with what waited for a digest,
 * grouped by communication. The queue runs it hourly; a digest is made once
 * per person and local day (dedupeKey), so two workers or a rerun within the
 * hour make one. Returns how many digests it queued.
 */
export async function sendDigests(db: Database, config: MailConfig, now = new Date()) {
  const organizations = await db.organization.findMany({
    select: { id: true, name: true, timeZone: true, digestHour: true },
  });
  let made = 0;
  for (const org of organizations) {
    const clock = localClock(now, org.timeZone);
    if (clock.hour !== org.digestHour) continue;
    const waiting = await db.notification.findMany({
      where: { organizationId: org.id, mailedAt: { not: null }, digestedAt: null },
      orderBy: { createdAt: "desc" },
      include: {
        user: { select: { email: true, name: true } },
        communication: { select: { title: true } },
      },
    });
    const byPerson = groupBy(waiting, (n) => n.userId);
    for (const [userId, items] of byPerson) {
      const [first] = items;
      if (!first) continue;
      const groups = [...groupBy(items, (n) => n.communicationId).values()].flatMap((same) =>
        same[0]
          ? [
              {
                title: same[0].communication.title,
                link: placeLink(config.appUrl, {
                  kind: "REVIEW_WAITING",
                  communicationId: same[0].communicationId,
                  threadId: null,
                }),
                items: same.map((n) => ({
                  summary: `${n.actorName} — ${kindWords[n.kind] ?? n.kind}: ${n.excerpt}`,
                  at: n.createdAt,
                })),
              },
            ]
          : [],
      );
      const unsubscribe = unsubscribeFor(config, {
        userId,
        organizationId: org.id,
        kind: "DIGEST",
      });
      const rendered = await renderMail({
        kind: "DIGEST",
        organizationName: org.name,
        recipientName: first.user.name,
        unsubscribeUrl: unsubscribe.url,
        preferencesUrl: preferencesLink(config.appUrl),
        groups,
        timeZone: org.timeZone,
      });
      await db.$transaction(async (tx) => {
        const created = await tx.outgoingMail.createMany({
          data: [
            {
              id: randomUUID(),
              organizationId: org.id,
              userId,
              kind: "DIGEST",
              recipient: first.user.email,
              ...rendered,
              headers: unsubscribe.headers,
              dedupeKey: `digest:${org.id}:${userId}:${clock.day}`,
            },
          ],
          skipDuplicates: true,
        });
        made += created.count;
        await tx.notification.updateMany({
          where: { id: { in: items.map((n) => n.id) }, digestedAt: null },
          data: { digestedAt: now },
        });
      });
    }
  }
  return made;
}
