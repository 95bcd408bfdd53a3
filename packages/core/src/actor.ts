import type { Database } from "@conductor/db";
import type { MemberRole, ReviewFunction } from "@conductor/db/enums";

export interface ActorMembership {
  membershipId: string;
  organizationId: string;
  organizationName: string;
  functions: ReviewFunction[];
  roles: MemberRole[];
}

/** The signed-in person a call is made for, with their place in each organisation. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  memberships: ActorMembership[];
}

export function membershipIn(
  actor: Actor | null,
  organizationId: string,
): ActorMembership | undefined {
  return actor?.memberships.find((m) => m.organizationId === organizationId);
}

/** Reads the actor fresh from the database, so a removed membership takes effect at once. */
export async function loadActor(db: Database, userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    include: { memberships: { include: { organization: true }, orderBy: { createdAt: "asc" } } },
  });
  if (!user) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    memberships: user.memberships.map((m) => ({
      membershipId: m.id,
      organizationId: m.organizationId,
      organizationName: m.organization.name,
      functions: m.functions,
      roles: m.roles,
    })),
  };
}
