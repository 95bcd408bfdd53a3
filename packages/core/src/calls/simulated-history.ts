import type { Database } from "@conductor/db";
import { createReleasedMessage } from "@conductor/db/seed";
import { refreshCallDaily } from "./daily";
import type { SimulatedHistory } from "./evidence/simulate";

const DAY = 86_400_000;

/**
 * A simulated history (`simulateHistory`) written into an organisation as
 * the product stores it: its daily calls as one import, its releases with
 * their findings, audiences, send dates and reasons. For tests and browser
 * tests that need a history with a known truth; returns the communications
 * in release order.
 */
export async function writeSimulatedHistory(
  db: Database,
  target: { organizationId: string; ownerId: string },
  history: SimulatedHistory,
  options: {
    /** Labels for the simulated reason codes: the taxonomy is written when given. */
    labels?: (code: string, index: number) => string;
    /** The brief frozen with each release (its content), by release index. */
    brief?: (index: number) => Record<string, unknown> | undefined;
  } = {},
): Promise<{ communicationIds: string[] }> {
  const { organizationId } = target;
  const { labels } = options;
  if (labels)
    await db.callReason.createMany({
      data: history.reasons.map((code, index) => ({
        organizationId,
        code,
        label: labels(code, index),
      })),
    });
  await db.callVolume.createMany({
    data: history.reasons.flatMap((reasonCode, r) =>
      Array.from(history.daily[r] ?? [], (calls, d) => ({
        organizationId,
        granularity: "DAY" as const,
        day: new Date(history.start.getTime() + d * DAY),
        reasonCode,
        calls,
        importId: "simulated",
      })),
    ),
  });
  await refreshCallDaily(db, organizationId, "everything");
  const communicationIds: string[] = [];
  for (const [index, release] of history.releases.entries()) {
    const made = await createReleasedMessage(db, {
      organizationId,
      ownerId: target.ownerId,
      title: release.facts.communication.title,
      channel: release.facts.communication.channel,
      recipients: release.facts.recipients,
      sendDates: release.facts.sendDates,
      ruleIds: [...release.features.ruleIds],
      reasons: release.facts.reasons,
      brief: options.brief?.(index),
    });
    communicationIds.push(made.communication.id);
  }
  return { communicationIds };
}
