import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Database } from "@conductor/db";
import { checkWebhookUrl, guardedLookup, type WebhookNetworkPolicy } from "./address-guard";
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from "./signature";

export type WebhookOutcome = "delivered" | "retry" | "failed" | "settled";

/** The event names receivers see (stable, dotted, as webhook receivers expect). */
export const webhookEventNames = {
  REVIEW_WAITING: "review.waiting",
  REVIEW_APPROVED: "review.approved",
  CHANGES_REQUESTED: "review.changes_requested",
  RELEASED: "communication.released",
} as const;

/**
 * The JSON a receiver gets: ids, names and a link, never the message's
 * text. `text` is a ready sentence, so a Slack or Teams incoming webhook
 * can show it as it is.
 */
async function bodyOf(
  db: Database,
  delivery: {
    id: string;
    event: keyof typeof webhookEventNames;
    organizationId: string;
    communicationId: string;
    actorName: string;
    excerpt: string;
    createdAt: Date;
  },
  appUrl: string,
) {
  const [organization, communication] = await Promise.all([
    db.organization.findUnique({ where: { id: delivery.organizationId }, select: { name: true } }),
    db.communication.findUnique({
      where: { id: delivery.communicationId },
      select: { title: true },
    }),
  ]);
  const url = `${appUrl}/communications/${encodeURIComponent(delivery.communicationId)}?tab=review`;
  return JSON.stringify({
    id: delivery.id,
    event: webhookEventNames[delivery.event],
    occurredAt: delivery.createdAt.toISOString(),
    organization: { id: delivery.organizationId, name: organization?.name ?? null },
    communication: { id: delivery.communicationId, title: communication?.title ?? null, url },
    actor: delivery.actorName,
    text: `${organization?.name ?? "Conductor"}: ${delivery.excerpt} (${delivery.actorName}) ${url}`,
  });
}

/** One POST, no redirects followed, bounded in time; resolves with the status code. */
function post(
  url: URL,
  body: string,
  headers: Record<string, string>,
  policy: WebhookNetworkPolicy,
  timeoutMs: number,
) {
  return new Promise<number>((resolve, reject) => {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": Buffer.byteLength(body).toString() },
        lookup: guardedLookup(policy) as never,
        timeout: timeoutMs,
      },
      (res) => {
        // The answer's body is not ours to keep; reading it frees the socket.
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * One delivery attempt of one webhook event: signs the stored body with the
 * webhook's secret and the time now, POSTs it, and records the answer. A
 * 2xx is delivered; anything else, or no answer, is retried by the queue
 * with backoff until the attempts are used up, then kept as failed. The
 * attempt is counted first, so a worker dying mid-call still uses one up.
 */
export async function deliverWebhook(
  db: Database,
  deliveryId: string,
  options: {
    policy: WebhookNetworkPolicy;
    maxAttempts: number;
    appUrl: string;
    timeoutMs?: number;
  },
): Promise<WebhookOutcome> {
  const claimed = await db.webhookDelivery.updateMany({
    where: { id: deliveryId, status: "QUEUED" },
    data: { attempts: { increment: 1 } },
  });
  if (claimed.count === 0) return "settled";
  const delivery = await db.webhookDelivery.findUniqueOrThrow({
    where: { id: deliveryId },
    include: { webhook: { select: { url: true, secret: true, deletedAt: true } } },
  });
  const last = delivery.attempts >= options.maxAttempts;
  const fail = async (why: string, status: number | null) => {
    await db.webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        lastStatus: status,
        lastError: `Attempt ${delivery.attempts} of ${options.maxAttempts}: ${why}`.slice(0, 500),
        ...(last ? { status: "FAILED" } : {}),
      },
    });
    return last ? "failed" : "retry";
  };
  if (delivery.webhook.deletedAt) {
    await db.webhookDelivery.update({
      where: { id: deliveryId },
      data: { status: "FAILED", lastError: "The webhook was deleted before delivery" },
    });
    return "failed";
  }
  // Made once and kept: every retry sends, and signs, the same bytes.
  const body = delivery.body ?? (await bodyOf(db, delivery, options.appUrl));
  if (delivery.body === null)
    await db.webhookDelivery.update({ where: { id: deliveryId }, data: { body } });
  let status: number;
  try {
    const url = checkWebhookUrl(delivery.webhook.url, options.policy);
    const timestamp = Math.floor(Date.now() / 1000);
    status = await post(
      url,
      body,
      {
        "content-type": "application/json",
        "user-agent": "Conductor-Webhooks/1",
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signWebhook(delivery.webhook.secret, timestamp, body),
        "x-conductor-delivery": delivery.id,
        "x-conductor-event": delivery.event,
      },
      options.policy,
      options.timeoutMs ?? 10_000,
    );
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error), null);
  }
  if (status < 200 || status >= 300) return fail(`the receiver answered ${status}`, status);
  await db.webhookDelivery.update({
    where: { id: deliveryId },
    data: { status: "DELIVERED", deliveredAt: new Date(), lastStatus: status, lastError: null },
  });
  return "delivered";
}
