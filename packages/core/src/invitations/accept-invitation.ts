import type { z } from "zod";
import type { UseCaseContext } from "../context";
import { AppError } from "../errors";
import type { invitationTokenSchema } from "../schemas";
import { joinByInvitation } from "./join";
import { usableInvitation } from "./token";

/**
 * A signed-in person accepts an invitation to their own email address. The
 * link's token is required as well as the sign-in: whoever controls the
 * account's password (perhaps not its owner, if another organisation set the
 * account up) cannot join an organisation whose admin sent the link to
 * someone else.
 */
export async function acceptInvitation(
  ctx: UseCaseContext,
  input: z.output<typeof invitationTokenSchema>,
  now = new Date(),
) {
  if (!ctx.actor) throw new AppError("UNAUTHENTICATED", "Sign in to continue");
  const actor = ctx.actor;
  const invitation = await usableInvitation(ctx.db, input.token, now);
  if (invitation.email !== actor.email.toLowerCase()) {
    throw new AppError(
      "FORBIDDEN",
      `This invitation is for ${invitation.email}. Sign in with that address to accept it.`,
      undefined,
      "INVITATION_FOR_ANOTHER_EMAIL",
    );
  }
  const membership = await ctx.db.$transaction((tx) =>
    joinByInvitation(tx, invitation, actor.userId, now),
  );
  return {
    organizationId: invitation.organizationId,
    organizationName: invitation.organization.name,
    membershipId: membership.id,
  };
}
