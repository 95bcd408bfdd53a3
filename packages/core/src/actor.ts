import type { Database, Prisma } from "@conductor/db";
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

/** What of a user and their memberships an actor is made from. */
export const actorSelect = {
  id: true,
  email: true,
  name: true,
  memberships: {
    select: {
      id: true,
      organizationId: true,
      functions: true,
      roles: true,
      organization: { select: { name: true } },
    },
    orderBy: { createdAt: "asc" },
  },
} satisfies Prisma.UserSelect;

/** A user row read with actorSelect, as the policies see them. */
export function actorFrom(user: Prisma.UserGetPayload<{ select: typeof actorSelect }>): Actor {
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

/** Reads the actor fresh from the database, so a removed membership takes effect at once. */
export async function loadActor(db: Database, userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: actorSelect });
  return user ? actorFrom(user) : null;
}
