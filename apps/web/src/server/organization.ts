import "server-only";
import type { Actor, ActorMembership } from "@conductor/core";
import { cookies } from "next/headers";

export const ORGANIZATION_COOKIE = "conductor-org";

/** The organisation the person is working in: their choice if still valid, else their first. */
export async function activeMembership(actor: Actor): Promise<ActorMembership | null> {
  const chosen = (await cookies()).get(ORGANIZATION_COOKIE)?.value;
  return actor.memberships.find((m) => m.organizationId === chosen) ?? actor.memberships[0] ?? null;
}
