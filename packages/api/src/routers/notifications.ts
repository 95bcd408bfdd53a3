import { listNotifications, markNotificationsRead } from "@conductor/core";
import { organizationScopeSchema } from "@conductor/core/schemas";
import { z } from "zod";
import { organizationQuery } from "../procedures";
import { protectedProcedure, router } from "../trpc";

export const notificationsRouter = router({
  list: organizationQuery(listNotifications),
  markRead: protectedProcedure
    .input(
      organizationScopeSchema.extend({ notificationIds: z.array(z.string().min(1)).optional() }),
    )
    .mutation(({ ctx, input }) => markNotificationsRead(ctx, input)),
});
