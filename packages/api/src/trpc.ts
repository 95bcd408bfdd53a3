import {
  AppError,
  type AppErrorCode,
  assertWellFormed,
  inputErrorFromDatabase,
  loadCommunication,
} from "@conductor/core";
import { communicationIdSchema, fieldErrorsOf } from "@conductor/core/schemas";
import { log, metrics } from "@conductor/ops";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { ApiContext } from "./context";
import { EXPENSIVE_READS, EXPENSIVE_READS_PER_MEMBER, perMemberLimit } from "./expensive-reads";

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
    // An unexpected fault is logged here and answered without its text, which
    // may carry SQL, a stack or another tenant's value.
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    if (internal) log("api").error({ err: error.cause ?? error }, "tRPC procedure failed");
    const message =
      cause instanceof ZodError
        ? "Some fields need attention"
        : internal
          ? "Something went wrong on our side. Nothing was changed; try again."
          : shape.message;
    const reason = cause instanceof AppError ? (cause.reason ?? null) : null;
    return { ...shape, message, data: { ...shape.data, fieldErrors, reason, stack: undefined } };
  },
});

/**
 * The one place domain errors become tRPC errors. A database error caused by
 * the value sent (a data exception) is the caller's mistake: a 400.
 */
const translateErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause =
    result.error.cause instanceof AppError
      ? result.error.cause
      : inputErrorFromDatabase(result.error.cause);
  if (cause) throw new TRPCError({ code: trpcCodes[cause.code], message: cause.message, cause });
  return result;
});

/**
 * Before any schema or use case: no string may hold a NUL or a lone
 * surrogate, no date may fall outside what the database stores, nothing may
 * be absurdly long — whatever the procedure (see core's input-guard).
 */
const refuseMalformedInput = t.middleware(async ({ getRawInput, next }) => {
  assertWellFormed(await getRawInput());
  return next();
});

/** Every call's latency by procedure and outcome, for the metrics port (see @conductor/ops). */
const timeProcedure = t.middleware(async ({ path, type, next }) => {
  const end = metrics().trpcDuration.startTimer({ procedure: path, type });
  const result = await next();
  end({ outcome: result.ok ? "ok" : result.error.code });
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure
  .use(timeProcedure)
  .use(translateErrors)
  .use(refuseMalformedInput);

const expensiveReads = perMemberLimit(EXPENSIVE_READS_PER_MEMBER);

/** A few of the costly analytics reads in flight per member (see expensive-reads). */
const limitExpensiveReads = t.middleware(async ({ ctx, path, next }) => {
  if (!ctx.actor || !EXPENSIVE_READS.has(path)) return next();
  const release = await expensiveReads.enter(ctx.actor.userId);
  try {
    return await next();
  } finally {
    release();
  }
});

export const protectedProcedure = publicProcedure
  .use(({ ctx, next }) => {
    if (!ctx.actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
    return next({ ctx: { ...ctx, actor: ctx.actor } });
  })
  .use(limitExpensiveReads);

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
