import {
  listMailPreferences,
  listOutgoingMail,
  retryOutgoingMail,
  setMailPreference,
} from "@conductor/core";
import {
  outgoingMailListSchema,
  retryOutgoingMailSchema,
  setMailPreferenceSchema,
} from "@conductor/core/schemas";
import { organizationQuery, useCaseMutation } from "../procedures";
import { protectedProcedure, router } from "../trpc";

export const mailRouter = router({
  /** Settings → Outgoing mail (admins): what was sent, what waits, what could not be and why. */
  outbox: protectedProcedure
    .input(outgoingMailListSchema)
    .query(({ ctx, input }) => listOutgoingMail(ctx, input)),
  /** Admins: a failed mail queued again with fresh attempts (audited). */
  retry: useCaseMutation(retryOutgoingMailSchema, retryOutgoingMail),
  /** The signed-in person's own email choices. */
  preferences: organizationQuery(listMailPreferences),
  setPreference: useCaseMutation(setMailPreferenceSchema, setMailPreference),
});
