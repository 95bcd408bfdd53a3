import { addMember, listMembers, removeMember, updateMember } from "@conductor/core";
import {
  addMemberSchema,
  organizationScopeSchema,
  removeMemberSchema,
  updateMemberSchema,
} from "@conductor/core/schemas";
import { protectedProcedure, router } from "../trpc";

export const membersRouter = router({
  list: protectedProcedure
    .input(organizationScopeSchema)
    .query(({ ctx, input }) => listMembers(ctx, input)),
  add: protectedProcedure
    .input(addMemberSchema)
    .mutation(({ ctx, input }) => addMember(ctx, input)),
  // After a change has committed, open collaboration connections that lost
  // access are closed (the collab server checks the policies again).
  update: protectedProcedure.input(updateMemberSchema).mutation(async ({ ctx, input }) => {
    const member = await updateMember(ctx, input);
    await ctx.collab.accessChanged({ userId: member.userId, organizationId: input.organizationId });
    return member;
  }),
  remove: protectedProcedure.input(removeMemberSchema).mutation(async ({ ctx, input }) => {
    const removed = await removeMember(ctx, input);
    await ctx.collab.accessChanged({
      userId: removed.userId,
      organizationId: input.organizationId,
    });
    return removed;
  }),
});
