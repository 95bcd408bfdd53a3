import "server-only";
import { AppError, type AppErrorCode } from "@conductor/core";

/** HTTP status for each application error code: one table for every route handler. */
export const appErrorStatus: Record<AppErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

/** An AppError as a JSON answer; anything else is rethrown (a 500 the logs will show). */
export function appErrorResponse(error: unknown): Response {
  if (error instanceof AppError)
    return Response.json(
      {
        error: error.message,
        reason: error.reason ?? null,
        fieldErrors: error.fieldErrors ?? null,
      },
      { status: appErrorStatus[error.code] },
    );
  throw error;
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
