import { customerReadings, recordCustomerReading } from "@conductor/core";
import { recordCustomerReadingSchema } from "@conductor/core/schemas";
import { z } from "zod";
import { communicationProcedure, router } from "../trpc";

// "Read as the customer": each reviewer's yes/no + why, kept with a version.
export const readingsRouter = router({
  forVersion: communicationProcedure
    .input(z.object({ versionId: z.string().min(1) }))
    .query(({ ctx, input }) => customerReadings(ctx, ctx.communication, input.versionId)),
  record: communicationProcedure
    .input(recordCustomerReadingSchema)
    .mutation(({ ctx, input }) => recordCustomerReading(ctx, ctx.communication, input)),
});
