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
  update: protectedProcedure
    .input(updateMemberSchema)
    .mutation(({ ctx, input }) => updateMember(ctx, input)),
  remove: protectedProcedure
    .input(removeMemberSchema)
    .mutation(({ ctx, input }) => removeMember(ctx, input)),
});
