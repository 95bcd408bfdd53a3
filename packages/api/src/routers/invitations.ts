import { acceptInvitation, myInvitations } from "@conductor/core";
import { invitationTokenSchema } from "@conductor/core/schemas";
import { useCaseMutation } from "../procedures";
import { protectedProcedure, router } from "../trpc";

// Setting up a new account from a link happens on the invitation page
// (apps/web), before anyone is signed in; these are for signed-in people.
export const invitationsRouter = router({
  /** Invitations waiting for my address, from organisations I am not in yet. */
  mine: protectedProcedure.query(({ ctx }) => myInvitations(ctx)),
  /** Joins with the link's token, as the account the invitation is addressed to. */
  accept: useCaseMutation(invitationTokenSchema, acceptInvitation),
});
