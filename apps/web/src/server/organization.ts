import "server-only";
import type { Actor, ActorMembership } from "@conductor/core";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { requestContext } from "./api";

export const ORGANIZATION_COOKIE = "conductor-org";

/** The organisation the person is working in: their choice if still valid, else their first. */
export async function activeMembership(actor: Actor): Promise<ActorMembership | null> {
  const chosen = (await cookies()).get(ORGANIZATION_COOKIE)?.value;
  return actor.memberships.find((m) => m.organizationId === chosen) ?? actor.memberships[0] ?? null;
}

/**
 * The signed-in person and the organisation they are working in, for pages
 * inside the app shell: signed out → sign-in page; no membership → not found.
 */
export async function currentWorkspace(): Promise<{ actor: Actor; membership: ActorMembership }> {
  const { actor } = await requestContext();
  if (!actor) redirect("/signin");
  const membership = await activeMembership(actor);
  if (!membership) notFound();
  return { actor, membership };
}
