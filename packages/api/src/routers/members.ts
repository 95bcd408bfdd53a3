import {
  inviteMember,
  listInvitations,
  listMembers,
  removeMember,
  revokeInvitation,
  signOutMemberEverywhere,
  updateMember,
} from "@conductor/core";
import {
  addMemberSchema,
  memberSignOutSchema,
  organizationScopeSchema,
  removeMemberSchema,
  revokeInvitationSchema,
  updateMemberSchema,
} from "@conductor/core/schemas";
import { useCaseMutation } from "../procedures";
import { protectedProcedure, router } from "../trpc";

export const membersRouter = router({
  list: protectedProcedure
    .input(organizationScopeSchema)
    .query(({ ctx, input }) => listMembers(ctx, input)),
  /**
   * Invites an email address: the person joins only by accepting the link
   * (see the invitations router). The answer is the same whether or not the
   * address has an account.
   */
  add: useCaseMutation(addMemberSchema, inviteMember),
  invitations: protectedProcedure
    .input(organizationScopeSchema)
    .query(({ ctx, input }) => listInvitations(ctx, input)),
  revokeInvitation: useCaseMutation(revokeInvitationSchema, revokeInvitation),
  // After a change has committed, open collaboration connections that lost
  // access are closed (the collab server checks the policies again).
  update: protectedProcedure.input(updateMemberSchema).mutation(async ({ ctx, input }) => {
    const member = await updateMember(ctx, input);
    await ctx.collab.accessChanged({ userId: member.userId, organizationId: input.organizationId });
    await ctx.live.publish({
      kind: "access",
      organizationId: input.organizationId,
      userId: member.userId,
    });
    return member;
  }),
  remove: protectedProcedure.input(removeMemberSchema).mutation(async ({ ctx, input }) => {
    const removed = await removeMember(ctx, input);
    await ctx.collab.accessChanged({
      userId: removed.userId,
      organizationId: input.organizationId,
    });
    // Their open live screens end now, not at the organisation's next event.
    await ctx.live.publish({
      kind: "access",
      organizationId: input.organizationId,
      userId: removed.userId,
    });
    return removed;
  }),
  /** Ends every sign-in of the member; their next request asks them to sign in. */
  signOutEverywhere: useCaseMutation(memberSignOutSchema, signOutMemberEverywhere),
});
