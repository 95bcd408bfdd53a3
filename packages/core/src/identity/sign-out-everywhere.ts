import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import { endAllSignInSessions } from "./end-all-sign-in-sessions";

/** A person ends all their sign-ins, this browser's included (a lost laptop, say). */
export async function signOutEverywhere(ctx: UseCaseContext) {
  if (!ctx.actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  return { sessions: await endAllSignInSessions(ctx.db, ctx.actor.userId) };
}
