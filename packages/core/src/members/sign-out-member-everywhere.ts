import type { z } from "zod";
import { appendAuditEvent } from "../audit/append";
import type { UseCaseContext } from "../context";
import { endAllSignInSessions } from "../identity/end-all-sign-in-sessions";
import type { memberSignOutSchema } from "../schemas";
import { authorizeMemberManagement, loadMembership } from "./store";

/**
 * An admin ends every sign-in of one of their members (a stolen device, a
 * leaver). The account itself is not changed; the person signs in again.
 */
export async function signOutMemberEverywhere(
  ctx: UseCaseContext,
  input: z.output<typeof memberSignOutSchema>,
) {
  const { actor } = authorizeMemberManagement(ctx, input.organizationId);
  const membership = await loadMembership(ctx, input.organizationId, input.membershipId);
  return ctx.db.$transaction(async (tx) => {
    const sessions = await endAllSignInSessions(tx, membership.userId);
    await appendAuditEvent(tx, {
      organizationId: input.organizationId,
      kind: "MEMBERSHIP_CHANGED",
      actorId: actor.userId,
      payload: { change: "signed-out-everywhere", userId: membership.userId, sessions },
    });
    return { userId: membership.userId, sessions };
  });
}
