import { MailDelivery, MailStatus, NotificationKind } from "@conductor/db/enums";
import { z } from "zod";
import { id, organizationScopeSchema } from "./common";

export const notificationKindValues = Object.values(NotificationKind) as [
  NotificationKind,
  ...NotificationKind[],
];
export const mailDeliveryValues = Object.values(MailDelivery) as [MailDelivery, ...MailDelivery[]];
export const mailStatusValues = Object.values(MailStatus) as [MailStatus, ...MailStatus[]];

/** One person's email choice for one kind of notification. */
export const setMailPreferenceSchema = organizationScopeSchema.extend({
  kind: z.enum(notificationKindValues),
  delivery: z.enum(mailDeliveryValues),
});

/** An admin's "Send again" on a failed mail. */
export const retryOutgoingMailSchema = organizationScopeSchema.extend({ mailId: id });

/** The outgoing-mail page: newest first, optionally one status. */
export const outgoingMailListSchema = organizationScopeSchema.extend({
  status: z.enum(mailStatusValues).optional(),
});
