import { randomBytes } from "node:crypto";
import type { WebhookEvent } from "@conductor/db/enums";
import { appendAuditEvent } from "../audit/audit";
import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import { checkWebhookUrl, type WebhookNetworkPolicy } from "./address-guard";

/**
 * An admin adds an outgoing webhook. The signing secret is made here and
 * returned this once (the list never shows it); the audit entry names the
 * URL's origin and the events, never the secret or the URL's path and
 * query, which often carry a receiver's own token (Slack's do).
 */
export async function createWebhook(
  ctx: UseCaseContext,
  input: { organizationId: string; name: string; url: string; events: WebhookEvent[] },
  policy: WebhookNetworkPolicy,
) {
  const { actor } = authorizeInOrganization(ctx, "webhook.manage", input.organizationId);
  const url = checkWebhookUrl(input.url, policy);
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const events = [...new Set(input.events)];
  return ctx.db.$transaction(async (tx) => {
    const hook = await tx.webhook.create({
      data: {
        organizationId: input.organizationId,
        name: input.name,
        url: url.toString(),
        secret,
        events,
      },
      select: { id: true, name: true, url: true, events: true, createdAt: true },
    });
    await appendAuditEvent(tx, {
      organizationId: input.organizationId,
      kind: "WEBHOOK_CREATED",
      actorId: actor.userId,
      payload: { webhookId: hook.id, name: hook.name, origin: url.origin, events },
    });
    return { ...hook, secret };
  });
}
