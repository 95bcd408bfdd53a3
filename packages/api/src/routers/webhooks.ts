import {
  createWebhook,
  deleteWebhook,
  listWebhooks,
  retryWebhookDelivery,
  webhookPolicyFromEnv,
} from "@conductor/core";
import {
  createWebhookSchema,
  deleteWebhookSchema,
  retryWebhookDeliverySchema,
} from "@conductor/core/schemas";
import { organizationQuery, useCaseMutation } from "../procedures";
import { router } from "../trpc";

export const webhooksRouter = router({
  /** Settings → Webhooks (admins): each live webhook and its latest deliveries. */
  list: organizationQuery(listWebhooks),
  /** Admins: the answer carries the signing secret, this once. */
  create: useCaseMutation(createWebhookSchema, (ctx, input) =>
    // Private and loopback receivers only where the operator allowed them (tests).
    createWebhook(ctx, input, webhookPolicyFromEnv()),
  ),
  delete: useCaseMutation(deleteWebhookSchema, deleteWebhook),
  /** Admins: a FAILED delivery queued again with fresh attempts (audited). */
  retryDelivery: useCaseMutation(retryWebhookDeliverySchema, retryWebhookDelivery),
});
