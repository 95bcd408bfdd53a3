import { communicationTrail, verifyOrganizationTrail } from "@conductor/core";
import { organizationScopeSchema } from "@conductor/core/schemas";
import { communicationProcedure, protectedProcedure, router } from "../trpc";

export const auditRouter = router({
  /** One communication's trail, oldest first (the export's data). */
  trail: communicationProcedure.query(({ ctx }) => communicationTrail(ctx, ctx.communication)),
  /** Walks the organisation's whole trail and names the first broken entry. */
  verify: protectedProcedure
    .input(organizationScopeSchema)
    .mutation(({ ctx, input }) => verifyOrganizationTrail(ctx, input.organizationId)),
});
