import { createCommunication, listCommunications, updateCommunication } from "@conductor/core";
import {
  communicationListSchema,
  createCommunicationSchema,
  updateCommunicationSchema,
} from "@conductor/core/schemas";
import { useCaseMutation } from "../procedures";
import { communicationProcedure, protectedProcedure, router } from "../trpc";

export const communicationsRouter = router({
  list: protectedProcedure
    .input(communicationListSchema)
    .query(({ ctx, input }) => listCommunications(ctx, input)),
  create: useCaseMutation(createCommunicationSchema, createCommunication),
  byId: communicationProcedure.query(({ ctx }) => ctx.communication),
  update: communicationProcedure
    .input(updateCommunicationSchema)
    .mutation(({ ctx, input }) => updateCommunication(ctx, ctx.communication, input)),
});
