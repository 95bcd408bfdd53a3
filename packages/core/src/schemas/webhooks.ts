import { WebhookEvent } from "@conductor/db/enums";
import { z } from "zod";
import { id, organizationScopeSchema, shortText } from "./common";

export const webhookEventValues = Object.values(WebhookEvent) as [WebhookEvent, ...WebhookEvent[]];

/** Settings → Webhooks: a name, the receiver's URL (checked again by core), and what it hears of. */
export const createWebhookSchema = organizationScopeSchema.extend({
  name: shortText(100).min(1, "Name the webhook (say, the channel it posts to)"),
  url: z
    .string()
    .trim()
    .min(1, "Enter the receiver's address")
    .max(2000, "Keep the address under 2,000 characters"),
  events: z.array(z.enum(webhookEventValues)).min(1, "Choose at least one event").max(10),
});

export const deleteWebhookSchema = organizationScopeSchema.extend({ webhookId: id });
export const retryWebhookDeliverySchema = organizationScopeSchema.extend({ deliveryId: id });
