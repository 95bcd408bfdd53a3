import { AppError, type AppErrorCode, loadCommunication } from "@conductor/core";
import { communicationIdSchema, fieldErrorsOf } from "@conductor/core/schemas";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { ApiContext } from "./context";

const trpcCodes: Record<AppErrorCode, TRPCError["code"]> = {
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  INVALID_INPUT: "BAD_REQUEST",
  CONFLICT: "CONFLICT",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
};

const t = initTRPC.context<ApiContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const fieldErrors =
      cause instanceof ZodError
        ? fieldErrorsOf(cause)
        : cause instanceof AppError
          ? (cause.fieldErrors ?? null)
          : null;
    const message = cause instanceof ZodError ? "Some fields need attention" : shape.message;
    const reason = cause instanceof AppError ? (cause.reason ?? null) : null;
    return { ...shape, message, data: { ...shape.data, fieldErrors, reason, stack: undefined } };
  },
});

/** The one place domain errors become tRPC errors. */
const translateErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: trpcCodes[cause.code], message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(translateErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/**
 * For procedures about one communication: loads it and checks tenant and
 * read access once, so handlers cannot forget; ctx.communication is ready.
 */
export const communicationProcedure = protectedProcedure
  .input(communicationIdSchema)
  .use(async ({ ctx, input, next }) => {
    const communication = await loadCommunication(ctx, input.communicationId);
    return next({ ctx: { ...ctx, communication } });
  });
