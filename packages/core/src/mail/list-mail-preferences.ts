import type { UseCaseContext } from "../context";
import { authorizeInOrganization } from "../policies";
import { deliveryByKind, preferenceKinds } from "./preferences";

/** The signed-in person's own email choices in one organisation, every kind listed. */
export async function listMailPreferences(ctx: UseCaseContext, organizationId: string) {
  const { actor } = authorizeInOrganization(ctx, "organization.read", organizationId);
  const chosen = await deliveryByKind(ctx.db, organizationId, actor.userId);
  return {
    email: actor.email,
    kinds: preferenceKinds.map((kind) => ({ kind, delivery: chosen[kind] })),
  };
}
