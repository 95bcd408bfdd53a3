import { createCommunication, listCommunications, updateCommunication } from "@conductor/core";
import {
  communicationListSchema,
  createCommunicationSchema,
  updateCommunicationSchema,
} from "@conductor/core/schemas";
import { communicationProcedure, protectedProcedure, router } from "../trpc";

export const communicationsRouter = router({
  list: protectedProcedure
    .input(communicationListSchema)
    .query(({ ctx, input }) => listCommunications(ctx, input)),
  create: protectedProcedure
    .input(createCommunicationSchema)
    .mutation(({ ctx, input }) => createCommunication(ctx, input)),
  byId: communicationProcedure.query(({ ctx }) => ctx.communication),
  update: communicationProcedure
    .input(updateCommunicationSchema)
    .mutation(({ ctx, input }) => updateCommunication(ctx, ctx.communication, input)),
});
