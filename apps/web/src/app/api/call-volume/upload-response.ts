import "server-only";
import { AppError, uploadInterruption, uploadLimits, uploadTooLarge } from "@conductor/core";
import { appErrorResponse } from "~/server/http";

/**
 * The answer of an upload route that did not read the body to its end:
 * the connection is closed after it, because the client's unread bytes
 * would otherwise arrive as the start of its next request. A stalled body
 * is a 408, one over the size limit a 413, anything else as every route
 * handler answers it.
 */
export function uploadErrorResponse(error: unknown): Response {
  const interruption = uploadInterruption(error);
  const response =
    interruption && error instanceof AppError
      ? Response.json(
          { error: error.message, reason: interruption },
          { status: interruption === "UPLOAD_STALLED" ? 408 : 413 },
        )
      : appErrorResponse(error);
  response.headers.set("Connection", "close");
  return response;
}

/** A body whose declared length is over the limit is refused before a byte of it is read. */
export function declaredTooLarge(request: Request): Response | null {
  const length = Number(request.headers.get("content-length") ?? "");
  if (!Number.isFinite(length) || length <= uploadLimits.maxBytes) return null;
  return uploadErrorResponse(uploadTooLarge(uploadLimits.maxBytes));
}
