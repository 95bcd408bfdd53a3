/** What went wrong, in terms every edge (tRPC, pages, CLI) can translate. */
export type AppErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "INVALID_INPUT"
  | "CONFLICT"
  | "RATE_LIMITED";

export class AppError extends Error {
  override readonly name = "AppError";
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Field → message, for errors a form can show beside the field. */
    readonly fieldErrors?: Record<string, string>,
    /** A finer code for clients and tests (e.g. the workflow's VERSION_MISMATCH). */
    readonly reason?: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);
export const forbidden = (message: string) => new AppError("FORBIDDEN", message);
