import { organizationScopeSchema } from "@conductor/core/schemas";
import type { z } from "zod";
import type { ApiContext } from "./context";
import { protectedProcedure } from "./trpc";

// Most procedures validate and hand the input to one use case; these builders
// say that once, so a router lists only which schema goes to which use case.

/** The context past `protectedProcedure`: someone is signed in. */
type SignedIn = ApiContext & { actor: NonNullable<ApiContext["actor"]> };

/** A read of one organisation, whose id is the whole input. */
export const organizationQuery = <R>(read: (ctx: SignedIn, organizationId: string) => Promise<R>) =>
  protectedProcedure
    .input(organizationScopeSchema)
    .query(({ ctx, input }) => read(ctx, input.organizationId));

/** A change that takes its validated input whole. */
export const useCaseMutation = <S extends z.ZodType, R>(
  schema: S,
  run: (ctx: SignedIn, input: z.output<S>) => Promise<R>,
) =>
  protectedProcedure
    .input(schema)
    // tRPC hands over what `schema` parsed; its generic type does not reduce to z.output here.
    .mutation(({ ctx, input }) => run(ctx, input as z.output<S>));
