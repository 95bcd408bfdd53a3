import "server-only";
import { AppError, type AppErrorCode, inputErrorFromDatabase } from "@conductor/core";
import { log } from "@conductor/ops";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";

/** HTTP status for each application error code: one table for every route handler. */
export const appErrorStatus: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

/**
 * The one error answer of every route handler: an AppError or a tRPC error
 * with its status and message; a database error caused by the value sent as
 * a 400; anything else logged and answered with a plain 500 that carries no
 * internal text (SQL, stacks, other tenants' values).
 */
export function appErrorResponse(error: unknown): Response {
  if (error instanceof TRPCError && !(error.cause instanceof AppError)) {
    const status = getHTTPStatusCodeFromError(error);
    if (status < 500) return Response.json({ error: error.message, reason: null }, { status });
  }
  const known =
    error instanceof AppError
      ? error
      : error instanceof TRPCError && error.cause instanceof AppError
        ? error.cause
        : inputErrorFromDatabase(error);
  if (known)
    return Response.json(
      {
        error: known.message,
        reason: known.reason ?? null,
        fieldErrors: known.fieldErrors ?? null,
      },
      { status: appErrorStatus[known.code] },
    );
  log("web").error({ err: error }, "route handler failed");
  return Response.json(
    { error: "Something went wrong on our side. Nothing was changed; try again.", reason: null },
    { status: 500 },
  );
}

/** A value a client sent, shown back in an error: short, so an error never echoes a whole file. */
export function quoted(value: string, max = 60): string {
  const shown = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(shown);
}

/** A request body as a stream of byte chunks, read as it arrives (never whole in memory). */
export async function* bodyChunks(request: Request): AsyncGenerator<Uint8Array> {
  if (!request.body) return;
  const reader = request.body.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } finally {
    reader.releaseLock();
  }
}
