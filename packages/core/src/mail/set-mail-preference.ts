import type { MailDelivery, NotificationKind } from "@conductor/db/enums";
import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import { writePreference } from "./preferences";

/** Sets how the signed-in person hears of one kind by email; only ever their own choice. */
export async function setMailPreference(
  ctx: UseCaseContext,
  input: { organizationId: string; kind: NotificationKind; delivery: MailDelivery },
) {
  const { actor } = authorizeInOrganization(ctx, "organization.read", input.organizationId);
  return ctx.db.$transaction((tx) =>
    writePreference(tx, { ...input, userId: actor.userId, via: "settings" }),
  );
}
